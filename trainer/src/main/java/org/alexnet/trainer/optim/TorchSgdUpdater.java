package org.alexnet.trainer.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

/** The state and step of {@link TorchSgd}: the momentum buffer, updated in place. */
final class TorchSgdUpdater implements GradientUpdater<TorchSgd> {
  static final String MOMENTUM_BUFFER = "momentum_buffer";

  private final TorchSgd config;
  private INDArray buffer;

  TorchSgdUpdater(TorchSgd config) {
    this.config = config;
  }

  @Override
  public TorchSgd getConfig() {
    return config;
  }

  @Override
  public void setState(Map<String, INDArray> state, boolean initialize) {
    buffer = state.get(MOMENTUM_BUFFER);
    if (initialize && buffer != null) {
      buffer.assign(0);
    }
  }

  @Override
  public Map<String, INDArray> getState() {
    return buffer == null ? Map.of() : Map.of(MOMENTUM_BUFFER, buffer);
  }

  @Override
  public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
    if (viewArray == null || viewArray.length() == 0) {
      buffer = null;
      return;
    }
    buffer = viewArray.reshape(gradientOrder, gradientShape);
    if (initialize) {
      buffer.assign(0);
    }
  }

  /**
   * Turns the gradient into the step DL4J subtracts. A zero buffer makes the first step equal
   * torch's (whose buffer starts as a copy of the first gradient).
   */
  @Override
  public void applyUpdater(INDArray gradient, int iteration, int epoch) {
    double lr = config.getLearningRate(iteration, epoch);
    if (buffer == null) {
      gradient.muli(lr);
      return;
    }
    // Two passes over the 61M values instead of four: buf = momentum * buf + g, then update = lr * buf.
    Nd4j.exec(new Axpy(buffer, gradient, buffer, config.getMomentum()));
    buffer.muli(lr, gradient);
  }
}
