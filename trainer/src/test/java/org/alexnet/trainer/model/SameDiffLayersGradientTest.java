package org.alexnet.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Backpropagated gradients through the SameDiff layers equal central finite differences of the
 * loss, for the layer's own parameters and for a convolution below it (the input gradient). Batch
 * of one, so DL4J's summed gradient is the loss's gradient.
 */
class SameDiffLayersGradientTest {
  @Test
  void adaptivePoolingPassesTheTrueGradientDown() {
    MultiLayerNetwork net = net(new AdaptiveAvgPool(3, 5, 5, 3), 3);
    assertGradient(net, 0, "W", new long[] {1, 1, 1, 1});
  }

  @Test
  void groupedConvolutionHasTheTrueGradient() {
    MultiLayerNetwork net = net(new GroupedConvolution(4, 4, 3, 1, 2, 5), 4);
    net.getLayer(1).getParam("W").assign(Nd4j.randn(7, net.getLayer(1).getParam("W").shape()).muli(0.3));
    net.getLayer(1).getParam("b").assign(0.2);
    assertGradient(net, 1, "W", new long[] {3, 1, 0, 2}); // second group
    assertGradient(net, 1, "b", new long[] {0, 1});
    assertGradient(net, 0, "W", new long[] {2, 1, 1, 0});
  }

  private static MultiLayerNetwork net(Layer sameDiffLayer, int convChannels) {
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .updater(new NoOp()).weightInit(WeightInit.XAVIER).seed(1).list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(convChannels).activation(Activation.TANH).build())
        .layer(sameDiffLayer)
        .layer(new DenseLayer.Builder().nOut(5).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(7, 7, 2)).build());
    net.init();
    return net;
  }

  private static void assertGradient(MultiLayerNetwork net, int layer, String param, long[] at) {
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.randn(DataType.FLOAT, 1, 2, 7, 7);
    INDArray y = Nd4j.create(new float[] {0, 1, 0}, new long[] {1, 3});
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    double analytic = net.gradient().getGradientFor(layer + "_" + param).getDouble(at);
    INDArray p = net.getLayer(layer).getParam(param);
    double value = p.getDouble(at);
    double eps = 1e-3;
    DataSet data = new DataSet(x, y);
    p.putScalar(at, value + eps);
    double plus = net.score(data);
    p.putScalar(at, value - eps);
    double minus = net.score(data);
    p.putScalar(at, value);
    double numeric = (plus - minus) / (2 * eps);
    assertThat(Math.abs(numeric)).as("a gradient large enough to compare").isGreaterThan(1e-3);
    assertThat(analytic).as("layer %d %s", layer, param).isCloseTo(numeric, withPercentage(5));
  }
}
