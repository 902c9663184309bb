package org.alexnet.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The faster ReLU computes what DL4J's does, forward and back, zeros and negatives included. */
class ReluTest {
  @Test
  void matchesDl4jsReluForwardAndBack() {
    Nd4j.getRandom().setSeed(7);
    INDArray z = Nd4j.randn(DataType.FLOAT, 4, 3, 5, 5);
    z.putScalar(new long[] {0, 0, 0, 0}, 0f); // the kink: DL4J's derivative there is 0
    z.putScalar(new long[] {1, 2, 3, 4}, 0f);
    INDArray epsilon = Nd4j.randn(DataType.FLOAT, 4, 3, 5, 5);

    assertThat(values(new Relu().getActivation(z.dup(), true)))
        .containsExactly(values(new ActivationReLU().getActivation(z.dup(), true)));
    float[] ours = values(new Relu().backprop(z.dup(), epsilon.dup()).getFirst());
    float[] dl4j = values(new ActivationReLU().backprop(z.dup(), epsilon.dup()).getFirst());
    for (int i = 0; i < ours.length; i++) {
      assertThat(ours[i] == dl4j[i]).as("gradient %d: %s vs %s", i, ours[i], dl4j[i]).isTrue(); // -0 == 0
    }
    assertThat(ours).contains(0f).hasSize(300);
    assertThat(values(epsilon)).doesNotContain(0f);
  }

  private static float[] values(INDArray a) {
    return a.dup('c').data().asFloat();
  }
}
