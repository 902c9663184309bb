package org.alexnet.trainer.model;

import java.util.Arrays;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's fully connected layer, made faster in two ways:
 * <ul>
 *   <li>backprop reuses the pre-activation of the training forward pass instead of multiplying the
 *       input by the weights again (DL4J's dense layer has no cache mode; for AlexNet's 9216x4096 and
 *       4096x4096 layers the second product was ~5% of a step);
 *   <li>each product is arranged so that oneDNN's matrix product gets its fast layout. DL4J keeps W
 *       column-major, and oneDNN multiplies by a column-major right operand at a third of its speed.
 *       For the 9216x4096 layer at batch 64 here: the forward pass as {@code z^T = W^T x^T}, 18 ms
 *       instead of 46; the input's gradient as {@code delta W^T}, 14 ms instead of 24; the weights'
 *       as {@code dW^T = delta^T x}, 14 ms instead of 33.
 * </ul>
 */
final class CachedDense extends DenseLayer {
  /** For DL4J's configuration serialization. */
  CachedDense() {}

  CachedDense(long out, IActivation activation) {
    setNOut(out);
    setActivationFn(activation);
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray params, boolean initializeParams, DataType dataType) {
    return Layers.wire(new Impl(conf, dataType), this, conf, listeners, index, params, initializeParams);
  }

  @Override
  public CachedDense clone() {
    return (CachedDense) super.clone();
  }

  static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
    /** A copy of the last training forward pass's pre-activation, and the input it was computed from. */
    private INDArray cached;
    private INDArray cachedInput;

    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
        LayerWorkspaceMgr workspaceMgr) {
      if (forBackprop && cached != null && cachedInput == input) {
        INDArray z = cached;
        cached = null;
        cachedInput = null;
        return new Pair<>(z, z);
      }
      INDArray z = product(training, workspaceMgr);
      if (training && !forBackprop) {
        // The activation is applied in place afterwards, so keep a copy, outside DL4J's workspaces.
        cached = z.detach();
        cachedInput = input;
      } else {
        cached = null;
        cachedInput = null;
      }
      return new Pair<>(z, z);
    }

    /** input x W + b, computed as z^T = W^T x^T (see the class) and copied row-major. */
    private INDArray product(boolean training, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(false);
      applyDropOutIfNecessary(training, workspaceMgr);
      INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, training, workspaceMgr);
      if (hasLayerNorm() || input.rank() != 2 || input.columns() != weights.rows()) {
        throw new IllegalStateException(String.format("CachedDense %s takes [batch, %d] input without layer norm, "
            + "not %s", layerId(), weights.rows(), Arrays.toString(input.shape())));
      }
      // z^T = W^T x^T, then z row-major (a copy of 64 x 4096 values, far cheaper than the slow product)
      INDArray zT = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, weights.dataType(), weights.size(1),
          input.size(0));
      Nd4j.gemm(weights, contiguous(input.castTo(weights.dataType())), zT, true, true, 1.0, 0.0);
      INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, weights.dataType(), input.size(0),
          weights.size(1));
      z.assign(zT.transpose());
      if (hasBias()) {
        z.addiRowVector(getParamWithNoise(DefaultParamInitializer.BIAS_KEY, training, workspaceMgr));
      }
      if (maskArray != null) {
        applyMask(z);
      }
      return z;
    }

    /** DL4J's dense backprop, with its two products arranged for oneDNN (see the class). */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      assertInputSet(true);
      INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
      INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
      if (maskArray != null) {
        applyMask(delta);
      }

      Gradient gradient = new DefaultGradient();
      if (hasBias()) {
        INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        delta.sum(biasGrad, 0);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
      }
      INDArray weights = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
      INDArray inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(),
          delta.size(0), weights.size(0));
      Nd4j.gemm(contiguous(delta), weights, inputGrad, false, true, 1.0, 0.0);

      // dW^T = delta^T x, written through the transposed view of DL4J's column-major gradient
      INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
      Nd4j.gemm(contiguous(delta), contiguous(input.castTo(weightGrad.dataType())), weightGrad.transpose(), true,
          false, 1.0, 0.0);
      gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
      weightNoiseParams.clear();
      return new Pair<>(gradient, backpropDropOutIfPresent(inputGrad));
    }

    private static INDArray contiguous(INDArray matrix) {
      return matrix.elementWiseStride() == 1 ? matrix : matrix.dup('c');
    }
  }
}
