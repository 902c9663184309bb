package org.alexnet.trainer.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

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

  static MultiLayerNetwork build(AlexNetShape shape, int input, long seed, IUpdater updater, double weightDecay) {
    if (input < MIN_INPUT) {
      throw new IllegalArgumentException("alexnet takes inputs of at least 63x63, not " + input);
    }
    int[] c = shape.convWidths();
    int last = FeatureMaps.last(input, 2);
    NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater)
        .l2(weightDecay)
        .l2Bias(weightDecay)
        .weightInit(WeightInit.UNIFORM) // replaced by TorchDefaultInit below
        .convolutionMode(ConvolutionMode.Truncate)
        .list()
        .layer(conv(11, 4, 2, c[0]))
        .layer(maxPool())
        .layer(conv(5, 1, 2, c[1]))
        .layer(maxPool())
        .layer(conv(3, 1, 1, c[2]))
        .layer(conv(3, 1, 1, c[3]))
        .layer(conv(3, 1, 1, c[4]))
        .layer(maxPool());
    if (last != POOLED) {
      layers.layer(new AdaptiveAvgPool(c[4], last, last, POOLED));
    }
    MultiLayerConfiguration conf = layers
        .layer(new DropoutLayer.Builder(0.5).build()) // DL4J takes the probability of keeping a unit
        .layer(new DenseLayer.Builder().nOut(shape.hidden()).activation(Activation.RELU).build())
        .layer(new DropoutLayer.Builder(0.5).build())
        .layer(new DenseLayer.Builder().nOut(shape.hidden()).activation(Activation.RELU).build())
        .layer(new DropoutLayer.Builder(1.0).build()) // keeps layer numbering aligned: no dropout before fc3
        .layer(new DenseLayer.Builder().nOut(shape.classes()).activation(Activation.IDENTITY).build())
        .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(input, input, 3))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    // PyTorch's default (He-normal is ~2.5x wider and diverges at the example's lr 0.01), drawn reproducibly.
    TorchDefaultInit.apply(net, seed);
    return net;
  }

  private static ConvolutionLayer conv(int kernel, int stride, int padding, int out) {
    return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding)
        .nOut(out).activation(Activation.RELU).build();
  }

  private static SubsamplingLayer maxPool() {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build();
  }
}
