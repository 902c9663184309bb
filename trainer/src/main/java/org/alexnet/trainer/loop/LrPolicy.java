package org.alexnet.trainer.loop;


/**
 * The learning rate per epoch: the PyTorch example's StepLR (divide by 10 every 30 epochs), or the
 * paper's rule (divide by 10 when validation top-1 has not improved for {@code patience} epochs).
 */
public final class LrPolicy {
  public enum Kind { STEP, PLATEAU }

  private final Kind kind;
  private final double base;
  private final int stepEpochs;
  private final int patience;
  private double plateauLr;
  private double bestAcc1 = Double.NEGATIVE_INFINITY;
  private int epochsWithoutImprovement;

  public LrPolicy(Kind kind, double base, int stepEpochs, int patience) {
    this.kind = kind;
    this.base = base;
    this.stepEpochs = stepEpochs;
    this.patience = patience;
    this.plateauLr = base;
  }

  public double lr(int epoch) {
    return kind == Kind.STEP ? base * Math.pow(0.1, epoch / stepEpochs) : plateauLr;
  }

  /** Called after each epoch's validation. */
  public void observe(double acc1) {
    if (acc1 > bestAcc1) {
      bestAcc1 = acc1;
      epochsWithoutImprovement = 0;
    } else if (++epochsWithoutImprovement >= patience) {
      plateauLr /= 10;
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
