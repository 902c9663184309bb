package org.alexnet.trainer.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;

/**
 * Works around DL4J 1.0.0-M2.1 giving twice the true gradient (for the layer's parameters and for
 * its input) through every SameDiff layer, measured against finite differences in
 * {@code SameDiffLayersGradientTest}, which fails if a DL4J upgrade fixes it.
 */
final class DoubledGradient {
  private DoubledGradient() {}

  /**
   * {@code 0.5 * out + 0.5 * stopGradient(out)}: the same values (halving and adding two equal
   * halves is exact in floating point) with half the gradient.
   */
  static SDVariable compensate(SameDiff sd, SDVariable out) {
    SDVariable frozen = new StopGradient(sd, out).outputVariable();
    return out.mul(0.5).add(frozen.mul(0.5));
  }
}
