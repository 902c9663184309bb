package org.alexnet.trainer.loop;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Counts how often the true class is the top-1 and among the top-5 outputs. */
public final class TopK {
  private TopK() {}

  /** @return {top-1 hits, top-5 hits} for a batch of scores [N, classes] */
  public static long[] hits(INDArray scores, int[] labels) {
    long top1 = 0;
    long top5 = 0;
    int classes = (int) scores.size(1);
    for (int i = 0; i < labels.length; i++) {
      float truth = scores.getFloat(i, labels[i]);
      int higher = 0;
      for (int c = 0; c < classes; c++) {
        float s = scores.getFloat(i, c);
        // Ties count against the true class, so a constant output never scores.
        if (s > truth || (s == truth && c < labels[i])) {
          higher++;
        }
      }
      top1 += higher == 0 ? 1 : 0;
      top5 += higher < 5 ? 1 : 0;
    }
    return new long[] {top1, top5};
  }
}
