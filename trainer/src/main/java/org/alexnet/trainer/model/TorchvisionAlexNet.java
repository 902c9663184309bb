package org.alexnet.trainer.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * torchvision's AlexNet ("one weird trick" variant) as a DL4J network, layer for layer:
 * conv 11/4 p2, pool 3/2, conv 5 p2, pool, conv 3 p1 x3, pool, dropout, fc, dropout, fc, fc.
 * {@code Truncate} convolution mode gives PyTorch's output sizes. The last linear layer is kept
 * separate from the softmax loss so that its activations are the logits PyTorch returns.
 * torchvision's AdaptiveAvgPool2d(6, 6) follows the last pooling where it is not the identity
 * (inputs other than 224..254); inputs down to 63x63 work, as in PyTorch.
 */
final class TorchvisionAlexNet {
  static final int MIN_INPUT = 63;
  private static final int POOLED = 6;

  private TorchvisionAlexNet() {}

  /** Only --crop-size sets the input size (a checkpoint's is one that trained). */
  static void requireInput(int input) {
    if (input < MIN_INPUT) {
      throw new IllegalArgumentException("--crop-size " + input + " is too small: alexnet takes inputs of at least "
          + MIN_INPUT + "x" + MIN_INPUT + "; give --crop-size " + MIN_INPUT + " or more");
    }
  }

  static MultiLayerNetwork build(AlexNetShape shape, int input, long seed, IUpdater updater, double weightDecay) {
    requireInput(input);
    int[] c = shape.convWidths();
    int last = FeatureMaps.last(input, 2);
    NeuralNetConfiguration.ListBuilder layers = Layers.start(seed, updater, weightDecay)
        .layer(new InputConvolution(11, 4, 2, c[0], new Relu()))
        .layer(Layers.maxPool())
        .layer(conv(5, 1, 2, c[1]))
        .layer(Layers.maxPool())
        .layer(conv(3, 1, 1, c[2]))
        .layer(conv(3, 1, 1, c[3]))
        .layer(conv(3, 1, 1, c[4]))
        .layer(Layers.maxPool());
    if (last != POOLED) {
      layers.layer(new AdaptiveAvgPool(c[4], last, last, POOLED));
    }
    layers.layer(Layers.dropout()).layer(Layers.hidden(shape)).layer(Layers.dropout()).layer(Layers.hidden(shape));
    MultiLayerNetwork net = Layers.finish(layers, shape, input);
    // PyTorch's default (He-normal is ~2.5x wider and diverges at the example's lr 0.01), drawn reproducibly.
    TorchDefaultInit.apply(net, seed);
    return net;
  }

  private static ConvolutionLayer conv(int kernel, int stride, int padding, int out) {
    return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
        .nOut(out).activation(new Relu()).build();
  }
}
