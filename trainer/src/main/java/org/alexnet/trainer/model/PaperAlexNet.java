package org.alexnet.trainer.model;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Krizhevsky et al. 2012 as one network: conv 96@11/4, LRN, pool 3/2, conv 256@5 p2 in two groups,
 * LRN, pool, conv 384@3, conv 384@3 and 256@3 in two groups, pool, fc 4096, dropout, fc 4096,
 * dropout, fc 1000 (60,965,224 parameters). LRN as the paper writes it, b = a / (k + alpha * sum
 * a^2)^beta with k=2, n=5, alpha=1e-4, beta=0.75, which is DL4J's form (PyTorch and Caffe divide
 * alpha by n). Initialised as the paper: weights N(0, 0.01); biases 1 in conv2, conv4, conv5 and the
 * hidden fully connected layers, 0 elsewhere.
 */
final class PaperAlexNet {
  /** Layer indices whose biases start at 1: conv2, conv4, conv5, fc6, fc7. */
  private static final java.util.Set<Integer> BIAS_ONE = java.util.Set.of(3, 7, 8, 10, 12);

  private PaperAlexNet() {}

  static void requireInput(int input) {
    if (FeatureMaps.last(input, 0) != 6) {
      throw new IllegalArgumentException("alexnet-paper takes 227x227 inputs (its last feature maps must be 6x6; "
          + input + " gives " + FeatureMaps.last(input, 0) + "x" + FeatureMaps.last(input, 0) + "): give --crop-size "
          + "227, or leave it out");
    }
  }

  static MultiLayerNetwork build(AlexNetShape shape, int input, long seed, IUpdater updater, double weightDecay) {
    requireInput(input);
    int[] c = shape.convWidths();
    int afterPool1 = FeatureMaps.pool(FeatureMaps.conv1(input, 0));
    int afterPool2 = FeatureMaps.pool(afterPool1);
    NeuralNetConfiguration.ListBuilder layers = Layers.start(seed, updater, weightDecay)
        .layer(new InputConvolution(11, 4, 0, c[0], new Relu()))
        .layer(lrn())
        .layer(Layers.maxPool())
        .layer(new GroupedConvolution(c[0], c[1], 5, 2, 2, afterPool1))
        .layer(lrn())
        .layer(Layers.maxPool())
        .layer(new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(c[2]).activation(new Relu()).build())
        .layer(new GroupedConvolution(c[2], c[3], 3, 1, 2, afterPool2))
        .layer(new GroupedConvolution(c[3], c[4], 3, 1, 2, afterPool2))
        .layer(Layers.maxPool())
        .layer(Layers.hidden(shape))
        .layer(Layers.dropout())
        .layer(Layers.hidden(shape))
        .layer(Layers.dropout());
    MultiLayerNetwork net = Layers.finish(layers, shape, input);
    initialise(net, seed);
    return net;
  }

  private static void initialise(MultiLayerNetwork net, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Layer[] layers = net.getLayers();
    for (int i = 0; i < layers.length; i++) {
      INDArray w = layers[i].getParam("W");
      if (w == null) {
        continue;
      }
      float[] values = new float[(int) w.length()];
      for (int k = 0; k < values.length; k++) {
        values[k] = (float) (random.nextGaussian() * 0.01);
      }
      w.assign(Nd4j.create(values, w.shape(), w.ordering()));
      layers[i].getParam("b").assign(BIAS_ONE.contains(i) ? 1 : 0);
    }
  }

  private static LocalResponseNormalization lrn() {
    return new LocalResponseNormalization.Builder().k(2).n(5).alpha(1e-4).beta(0.75).build();
  }
}
