package org.alexnet.trainer.loop;

/** Validation counts, and the errors people quote. */
public record EvalResult(long images, long top1, long top5, double loss) {
  public double acc1() {
    return images == 0 ? 0 : 100.0 * top1 / images;
  }

  public double acc5() {
    return images == 0 ? 0 : 100.0 * top5 / images;
  }
}
