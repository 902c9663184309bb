package org.alexnet.pipelines.evaluate;

/**
 * Turning softmax rows into predictions. The five best classes of a probability row, best first; equal probabilities rank the lower class
 * first, which is the trainer's rule (TopK), so both count the same hits.
 */
final class Ranking {
  private Ranking() {}

  static int[] top5(float[] probabilities, int offset, int classes) {
    int k = Math.min(5, classes);
    int[] best = new int[k];
    for (int n = 0; n < k; n++) {
      int chosen = -1;
      for (int c = 0; c < classes; c++) {
        if (taken(best, n, c)) {
          continue;
        }
        if (chosen < 0 || probabilities[offset + c] > probabilities[offset + chosen]) {
          chosen = c;
        }
      }
      best[n] = chosen;
    }
    return best;
  }

  /** Each image's mean over its {@code views} consecutive probability rows (ten-crop averaging). */
  static float[] meanOfViews(float[] probabilities, int images, int views, int classes) {
    float[] mean = new float[images * classes];
    for (int i = 0; i < images; i++) {
      for (int v = 0; v < views; v++) {
        int row = (i * views + v) * classes;
        for (int c = 0; c < classes; c++) {
          mean[i * classes + c] += probabilities[row + c] / views;
        }
      }
    }
    return mean;
  }

  private static boolean taken(int[] best, int n, int c) {
    for (int i = 0; i < n; i++) {
      if (best[i] == c) {
        return true;
      }
    }
    return false;
  }
}
