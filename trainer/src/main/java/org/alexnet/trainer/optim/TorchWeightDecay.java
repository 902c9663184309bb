package org.alexnet.trainer.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * torch.optim.SGD's weight_decay: g = grad + wd * p before the updater, as DL4J's L2 does, but with
 * no penalty in the loss, as in PyTorch, whose printed loss is the criterion's alone. That also
 * spares DL4J's L2 score, a pass over all 61M weights (about 1.5% of a training step).
 */
public final class TorchWeightDecay extends L2Regularization {
  public TorchWeightDecay(double coefficient) {
    super(coefficient);
  }

  /** For DL4J's JSON configuration. */
  public TorchWeightDecay(@JsonProperty("l2") ISchedule coefficient) {
    super(coefficient);
  }

  @Override
  public double score(INDArray param, int iteration, int epoch) {
    return 0;
  }

  @Override
  public Regularization clone() {
    return new TorchWeightDecay(getL2().clone());
  }
}
