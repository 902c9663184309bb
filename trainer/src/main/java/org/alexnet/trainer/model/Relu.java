package org.alexnet.trainer.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * max(0, x), as DL4J's ReLU, with a faster backprop: two vectorized passes (the step function in
 * place, then a product with the incoming gradient) where DL4J's relu_bp calls a std::function per
 * element and allocates its output. That was ~2.7% of a training step.
 */
public final class Relu extends BaseActivationFunction {
  @Override
  public INDArray getActivation(INDArray in, boolean training) {
    return Nd4j.getExecutioner().exec(new RectifiedLinear(in, in));
  }

  /** dL/dz = dL/da where z > 0, else 0; written over {@code in}, as DL4J's activations do. */
  @Override
  public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
    assertShape(in, epsilon);
    Nd4j.getExecutioner().exec(new Step(in, in, 0.0));
    return new Pair<>(in.muli(epsilon), null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Relu;
  }

  @Override
  public int hashCode() {
    return Relu.class.hashCode();
  }

  @Override
  public String toString() {
    return "relu";
  }
}
