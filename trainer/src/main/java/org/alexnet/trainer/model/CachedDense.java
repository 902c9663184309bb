package org.alexnet.trainer.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's fully connected layer, except that backprop reuses the pre-activation of the training
 * forward pass instead of multiplying the input by the weights again (DL4J's dense layer has no
 * cache mode; for AlexNet's 9216x4096 and 4096x4096 layers the second product was ~5% of a step).
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
      if (forBackprop && cached != null && cachedInput == input && !hasLayerNorm()) {
        INDArray z = cached;
        cached = null;
        cachedInput = null;
        return new Pair<>(z, z);
      }
      Pair<INDArray, INDArray> result = super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
      if (training && !forBackprop) {
        // The activation is applied in place afterwards, so keep a copy, outside DL4J's workspaces.
        cached = result.getFirst().detach();
        cachedInput = input;
      } else {
        cached = null;
        cachedInput = null;
      }
      return result;
    }
  }
}
