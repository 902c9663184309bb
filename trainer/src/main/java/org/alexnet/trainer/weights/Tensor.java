package org.alexnet.trainer.weights;

import java.util.Arrays;

/** A dense float tensor in C order, as read from a PyTorch state_dict. */
public record Tensor(long[] shape, float[] data) {
  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
