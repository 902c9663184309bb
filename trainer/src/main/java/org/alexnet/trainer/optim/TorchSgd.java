package org.alexnet.trainer.optim;

import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * SGD with momentum exactly as {@code torch.optim.SGD} (dampening 0, no Nesterov): buf = momentum *
 * buf + g, p -= lr * buf. DL4J has only Nesterov momentum. Weight decay is the network's
 * {@link TorchWeightDecay} (weights and biases), which DL4J adds to the gradient before the updater,
 * as torch does: g = grad + wd * p.
 */
public final class TorchSgd implements IUpdater {
  private double learningRate;
  private double momentum;
  private ISchedule schedule;

  /** For DL4J's JSON configuration. */
  public TorchSgd() {
    this(0.01, 0.9);
  }

  public TorchSgd(double learningRate, double momentum) {
    this.learningRate = learningRate;
    this.momentum = momentum;
  }

  public double getMomentum() {
    return momentum;
  }

  public void setMomentum(double momentum) {
    this.momentum = momentum;
  }

  public double getLearningRate() {
    return learningRate;
  }

  public void setLearningRate(double learningRate) {
    this.learningRate = learningRate;
  }

  public ISchedule getSchedule() {
    return schedule;
  }

  public void setSchedule(ISchedule schedule) {
    this.schedule = schedule;
  }

  @Override
  public long stateSize(long params) {
    return momentum == 0 ? 0 : params;
  }

  @Override
  public GradientUpdater instantiate(INDArray viewArray, boolean initialize) {
    TorchSgdUpdater updater = new TorchSgdUpdater(this);
    updater.setStateViewArray(viewArray, viewArray == null ? null : viewArray.shape(), 'c', initialize);
    return updater;
  }

  @Override
  public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
    TorchSgdUpdater updater = new TorchSgdUpdater(this);
    updater.setState(state, initialize);
    return updater;
  }

  @Override
  public double getLearningRate(int iteration, int epoch) {
    return schedule == null ? learningRate : schedule.valueAt(iteration, epoch);
  }

  @Override
  public boolean hasLearningRate() {
    return true;
  }

  @Override
  public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
    this.learningRate = lr;
    this.schedule = lrSchedule;
  }

  @Override
  public TorchSgd clone() {
    TorchSgd copy = new TorchSgd(learningRate, momentum);
    copy.schedule = schedule == null ? null : schedule.clone();
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TorchSgd s && s.learningRate == learningRate && s.momentum == momentum
        && Objects.equals(s.schedule, schedule);
  }

  @Override
  public int hashCode() {
    return Objects.hash(learningRate, momentum, schedule);
  }
}
