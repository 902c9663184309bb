package org.alexnet.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CPU build really convolves with oneDNN, and gets the same numbers as DL4J's own im2col path. */
class OneDnnTest {
  private static final AlexNetShape SMALL = new AlexNetShape(new int[] {16, 32, 48, 32, 32}, 64, 10);

  @Test
  void convolutionsUseTheOneDnnHelperWithTheSameResults() {
    assertThat(OneDnn.enable()).as("the -onednn natives are on the classpath").isTrue();
    MultiLayerNetwork fast = Arch.ALEXNET.build(SMALL, 224, 5);
    assertThat(((ConvolutionLayer) fast.getLayer(0)).getHelper()).isInstanceOf(MKLDNNConvHelper.class);

    System.setProperty(OneDnn.HELPERS_DISABLED, "true");
    MultiLayerNetwork plain;
    try {
      plain = Arch.ALEXNET.build(SMALL, 224, 5);
    } finally {
      OneDnn.enable();
    }
    assertThat(((ConvolutionLayer) plain.getLayer(0)).getHelper()).isNull();
    plain.setParams(fast.params().dup());

    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 224, 224);
    INDArray a = fast.feedForward(x, false).get(Arch.logitsLayer(fast) + 1);
    INDArray b = plain.feedForward(x, false).get(Arch.logitsLayer(plain) + 1);
    assertThat(a.equalsWithEps(b, 1e-5)).as("logits with and without oneDNN").isTrue();
  }
}
