package org.alexnet.trainer.loop;

/**
 * The learning rate per epoch: the PyTorch example's StepLR (divide by 10 every 30 epochs), or the
 * paper's rule (divide by 10 when validation top-1 has not improved for 3 epochs).
 */
public final class LrPolicy {
  /** The PyTorch ImageNet example's StepLR: the rate decays by 10 every 30 epochs. */
  private static final int STEP_EPOCHS = 30;
  /** The paper divides "when the validation error rate stopped improving": 3 epochs without a new best. */
  private static final int PLATEAU_PATIENCE = 3;
  /** Both schedules divide by 10, as the paper and the PyTorch example do. */
  private static final double DECAY = 10;

  public enum Kind { STEP, PLATEAU }

  private final Kind kind;
  private final double base;
  private double plateauLr;
  private double bestAcc1 = Double.NEGATIVE_INFINITY;
  private int epochsWithoutImprovement;

  public LrPolicy(Kind kind, double base) {
    this.kind = kind;
    this.base = base;
    this.plateauLr = base;
  }

  public double lr(int epoch) {
    return kind == Kind.STEP ? base * Math.pow(1 / DECAY, epoch / STEP_EPOCHS) : plateauLr;
  }

  /** Called after each epoch's validation. */
  public void observe(double acc1) {
    if (acc1 > bestAcc1) {
      bestAcc1 = acc1;
      epochsWithoutImprovement = 0;
    } else if (++epochsWithoutImprovement >= PLATEAU_PATIENCE) {
      plateauLr /= DECAY;
      epochsWithoutImprovement = 0;
    }
  }

  /** The plateau state, so that a resumed run divides at the same epoch: "lr,best,waited". */
  public String state() {
    return plateauLr + "," + bestAcc1 + "," + epochsWithoutImprovement;
  }

  public void restore(String state) {
    String[] p = state.split(",");
    plateauLr = Double.parseDouble(p[0]);
    bestAcc1 = Double.parseDouble(p[1]);
    epochsWithoutImprovement = Integer.parseInt(p[2]);
  }
}
