package org.alexnet.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.alexnet.trainer.backend.OneDnn;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Our faster versions of DL4J's layers give DL4J's own gradients, for themselves and the layers around. */
class FasterLayersTest {
  @Test
  void inputConvolutionGradientsEqualDl4jsConvolution() {
    assertSameGradients(net(new ConvolutionLayer.Builder(5, 5).stride(2, 2).padding(1, 1).nOut(6)
            .activation(Activation.RELU).build(), hidden(), logits()),
        net(new InputConvolution(5, 2, 1, 6, Activation.RELU.getActivationFunction()), hidden(), logits()));
    // torchvision's conv1 window: 11, stride 4, padding 2
    assertSameGradients(net(new ConvolutionLayer.Builder(11, 11).stride(4, 4).padding(2, 2).nOut(6)
            .activation(Activation.RELU).build(), hidden(), logits()),
        net(new InputConvolution(11, 4, 2, 6, Activation.RELU.getActivationFunction()), hidden(), logits()));
  }

  @Test
  void cachedDenseGradientsEqualDl4jsDense() {
    assertSameGradients(net(conv(), hidden(), logits()), net(conv(), new CachedDense(7, Activation.RELU.getActivationFunction()), logits()));
    assertSameGradients(net(conv(), hidden(), logits()),
        net(conv(), new CachedDense(7, Activation.RELU.getActivationFunction()),
            new CachedDense(3, Activation.IDENTITY.getActivationFunction())));
  }

  private static void assertSameGradients(MultiLayerNetwork stock, MultiLayerNetwork ours) {
    OneDnn.enable();
    ours.setParams(stock.params().dup());

    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 23, 23);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 3);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i % 3, 1);
    }
    INDArray expected = gradient(stock, x, y);
    INDArray actual = gradient(ours, x, y);

    assertThat(expected.norm2Number().doubleValue()).as("a gradient to compare").isGreaterThan(1e-2);
    double worst = actual.sub(expected).amaxNumber().doubleValue() / expected.amaxNumber().doubleValue();
    assertThat(worst).as("largest difference relative to the largest gradient").isLessThan(1e-5);
    // The products may run on another library (oneDNN rather than OpenBLAS), so rounding may differ.
    assertThat(ours.score()).isCloseTo(stock.score(), within(1e-6));
  }

  private static INDArray gradient(MultiLayerNetwork net, INDArray x, INDArray y) {
    net.setInput(x);
    net.setLabels(y);
    net.computeGradientAndScore();
    return net.gradient().gradient().dup();
  }

  private static ConvolutionLayer conv() {
    return new ConvolutionLayer.Builder(5, 5).stride(2, 2).nOut(6).activation(Activation.RELU).build();
  }

  private static DenseLayer hidden() {
    return new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build();
  }

  /** Three classes' logits, before the softmax loss. */
  private static DenseLayer logits() {
    return new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build();
  }

  /** first layer, pooling, a hidden and a logits layer, softmax loss: AlexNet in small. */
  private static MultiLayerNetwork net(Layer first, Layer hidden, Layer logits) {
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
        .updater(new NoOp()).weightInit(WeightInit.XAVIER).seed(5).convolutionMode(ConvolutionMode.Truncate)
        .cacheMode(CacheMode.DEVICE).list()
        .layer(first)
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build())
        .layer(hidden)
        .layer(logits)
        .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(23, 23, 3)).build());
    net.init();
    return net;
  }
}
