package org.alexnet.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.trainer.optim.TorchSgd;
import org.alexnet.trainer.weights.Tensor;
import org.alexnet.trainer.weights.TorchStateDict;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inputs other than 224 (adaptive pooling) and the 2012 network, against logits PyTorch 1.13
 * computed with the same weights (trainer/src/test/python/make_torch_fixtures.py).
 */
class ArchitecturesTest {
  /** 63 pools to 1x1 (each value repeated 36 times), 100 to 2x2, 256 to 7x7 (overlapping windows). */
  @ParameterizedTest
  @ValueSource(ints = {63, 100, 256})
  void otherInputSizesPoolAdaptivelyAsPyTorch(int size) throws IOException {
    Map<String, Tensor> state = TorchStateDict.read(resource("alexnet_small_zip.pth"), "alexnet_small_zip.pth");
    MultiLayerNetwork net = Arch.ALEXNET.build(AlexNetShape.of(state, Arch.ALEXNET), size, 1);
    StateDictWeights.load(net, state, Arch.ALEXNET);
    assertLogits(net, npy("alexnet_small_input_" + size + ".npy"), npy("alexnet_small_logits_" + size + ".npy"), size);
  }

  @Test
  void inputsBelow63AreRefused() {
    assertThatThrownBy(() -> Arch.ALEXNET.build(AlexNetShape.TORCHVISION, 62, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 63");
  }

  @Test
  void thePaperNetworkHasItsParameterCount() {
    MultiLayerNetwork net = Arch.ALEXNET_PAPER.build(AlexNetShape.PAPER, 227, 1);
    assertThat(net.numParams()).isEqualTo(60_965_224L);
  }

  /** LRN as the paper writes it and conv2/4/5 in two groups give PyTorch's logits. */
  @Test
  void thePaperNetworkMatchesPyTorch() throws IOException {
    Map<String, Tensor> state = TorchStateDict.read(resource("alexnet_paper_small.pth"), "alexnet_paper_small.pth");
    AlexNetShape shape = AlexNetShape.of(state, Arch.ALEXNET_PAPER);
    assertThat(shape.text()).isEqualTo("8,16,24,24,16/32/7");
    MultiLayerNetwork net = Arch.ALEXNET_PAPER.build(shape, 227, 1);
    StateDictWeights.load(net, state, Arch.ALEXNET_PAPER);
    assertLogits(net, npy("alexnet_paper_input.npy"), npy("alexnet_paper_logits.npy"), 227);
  }

  @Test
  void thePaperInitialisation() {
    MultiLayerNetwork net = Arch.ALEXNET_PAPER.build(new AlexNetShape(new int[] {8, 16, 24, 24, 16}, 64, 5), 227, 3);
    INDArray conv1 = net.getLayer(0).getParam("W");
    assertThat(conv1.stdNumber().doubleValue()).isCloseTo(0.01, offset(0.002));
    assertThat(net.getLayer(0).getParam("b").maxNumber().doubleValue()).isZero();
    assertThat(net.getLayer(3).getParam("b").minNumber().doubleValue()).isEqualTo(1.0); // conv2
    assertThat(net.getLayer(6).getParam("b").maxNumber().doubleValue()).isZero(); // conv3
    assertThat(net.getLayer(10).getParam("b").minNumber().doubleValue()).isEqualTo(1.0); // fc6
    assertThat(net.getLayer(14).getParam("b").maxNumber().doubleValue()).isZero(); // fc8
  }

  /** The grouped convolutions learn: a training step changes their weights and lowers the loss. */
  @Test
  void thePaperNetworkTrains() {
    MultiLayerNetwork net = Arch.ALEXNET_PAPER.build(new AlexNetShape(new int[] {8, 16, 24, 24, 16}, 32, 4), 227, 3,
        new TorchSgd(0.01, 0.9), 0);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 227, 227).muli(100).subi(50);
    INDArray y = Nd4j.eye(4).castTo(DataType.FLOAT);
    INDArray conv4 = net.getLayer(7).getParam("W").dup();
    DataSet batch = new DataSet(x, y);
    net.fit(batch);
    double first = net.score();
    for (int i = 0; i < 20; i++) {
      net.fit(batch);
    }
    // Gradients below the paper's N(0, 0.01) layers start tiny (as the paper's slow start), hence exact.
    assertThat(net.getLayer(7).getParam("W").sub(conv4).amaxNumber().doubleValue()).isPositive();
    assertThat(net.score()).isLessThan(first);
  }

  private static void assertLogits(MultiLayerNetwork net, NpyArray input, NpyArray expected, int size) {
    int n = input.shape()[0];
    INDArray x = Nd4j.create(input.data(), new long[] {n, 3, size, size}, 'c');
    float[] ours = net.feedForward(x, false).get(Arch.logitsLayer(net) + 1).dup('c').data().asFloat();
    assertThat(ours).hasSameSizeAs(expected.data());
    for (int i = 0; i < ours.length; i++) {
      assertThat((double) ours[i]).as("logit %d", i).isCloseTo(expected.data()[i], offset(1e-4));
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ArchitecturesTest.class.getResourceAsStream("/torch/" + name)) {
      return in.readAllBytes();
    }
  }

  private static NpyArray npy(String name) throws IOException {
    return NpyArray.read(new java.io.ByteArrayInputStream(resource(name)));
  }
}
