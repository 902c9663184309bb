package org.alexnet.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.trainer.weights.Tensor;
import org.alexnet.trainer.weights.TorchStateDict;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The same weights and input as PyTorch (libtorch 2.10) give the same logits, to 1e-4. */
class TorchvisionParityTest {
  @Test
  void reproducesPyTorchLogits() throws IOException {
    Map<String, Tensor> state = TorchStateDict.read(resource("alexnet_tiny.pth"), "alexnet_tiny.pth");
    AlexNetShape shape = AlexNetShape.of(state, Arch.ALEXNET);
    assertThat(shape.convWidths()).containsExactly(16, 32, 48, 32, 32);
    MultiLayerNetwork net = Arch.ALEXNET.build(shape, 224, 1);
    assertThat(net.numParams()).isEqualTo(134_234);
    StateDictWeights.load(net, state, Arch.ALEXNET);

    NpyArray input = npy("input.npy");
    NpyArray expected = npy("logits.npy");
    INDArray x = Nd4j.create(input.data(), new long[] {2, 3, 224, 224}, 'c');
    INDArray logits = net.feedForward(x, false).get(Arch.logitsLayer(net) + 1);
    float[] ours = logits.dup('c').data().asFloat();
    assertThat(ours).hasSameSizeAs(expected.data());
    for (int i = 0; i < ours.length; i++) {
      assertThat((double) ours[i]).as("logit %d", i).isCloseTo(expected.data()[i], org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  /** The same small network in all three torch.save formats, written by PyTorch 1.13 (see make_torch_fixtures.py). */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"zip", "legacy", "tar"})
  void readsEveryTorchSaveFormat(String format) throws IOException {
    String file = "alexnet_small_" + format + ".pth";
    Map<String, Tensor> state = TorchStateDict.read(resource(file), file);
    AlexNetShape shape = AlexNetShape.of(state, Arch.ALEXNET);
    assertThat(shape.classes()).isEqualTo(7);
    MultiLayerNetwork net = Arch.ALEXNET.build(shape, 224, 1);
    StateDictWeights.load(net, state, Arch.ALEXNET);
    NpyArray input = npy("alexnet_small_input.npy");
    float[] ours = net.feedForward(Nd4j.create(input.data(), new long[] {1, 3, 224, 224}, 'c'), false)
        .get(Arch.logitsLayer(net) + 1).dup('c').data().asFloat();
    float[] expected = npy("alexnet_small_logits.npy").data();
    for (int i = 0; i < expected.length; i++) {
      assertThat((double) ours[i]).as("%s logit %d", format, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void theSameSeedGivesTheSameInitialWeights() {
    AlexNetShape small = new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 1000);
    MultiLayerNetwork a = Arch.ALEXNET.build(small, 224, 7);
    Nd4j.rand(3, 3); // other draws in between must not matter
    MultiLayerNetwork b = Arch.ALEXNET.build(small, 224, 7);
    assertThat(a.params().equals(b.params())).isTrue();
    assertThat(a.params().equals(Arch.ALEXNET.build(small, 224, 8).params())).isFalse();
  }

  @Test
  void standardTorchvisionAlexNetHasItsParameterCount() {
    assertThat(Arch.ALEXNET.build(AlexNetShape.TORCHVISION, 224, 1).numParams()).isEqualTo(61_100_840L);
  }

  private static NpyArray npy(String name) throws IOException {
    try (InputStream in = TorchvisionParityTest.class.getResourceAsStream("/torch/" + name)) {
      return NpyArray.read(in);
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = TorchvisionParityTest.class.getResourceAsStream("/torch/" + name)) {
      return in.readAllBytes();
    }
  }
}
