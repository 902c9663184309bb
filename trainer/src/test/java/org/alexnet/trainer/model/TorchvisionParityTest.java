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
    AlexNetShape shape = AlexNetShape.of(state);
    assertThat(shape.convWidths()).containsExactly(16, 32, 48, 32, 32);
    MultiLayerNetwork net = TorchvisionAlexNet.build(shape, 1);
    assertThat(net.numParams()).isEqualTo(134_234);
    TorchvisionWeights.load(net, state);

    NpyArray input = npy("input.npy");
    NpyArray expected = npy("logits.npy");
    INDArray x = Nd4j.create(input.data(), new long[] {2, 3, 224, 224}, 'c');
    INDArray logits = net.feedForward(x, false).get(TorchvisionAlexNet.LOGITS_LAYER + 1);
    float[] ours = logits.dup('c').data().asFloat();
    assertThat(ours).hasSameSizeAs(expected.data());
    for (int i = 0; i < ours.length; i++) {
      assertThat((double) ours[i]).as("logit %d", i).isCloseTo(expected.data()[i], org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void standardTorchvisionAlexNetHasItsParameterCount() {
    assertThat(TorchvisionAlexNet.build(AlexNetShape.TORCHVISION, 1).numParams()).isEqualTo(61_100_840L);
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
