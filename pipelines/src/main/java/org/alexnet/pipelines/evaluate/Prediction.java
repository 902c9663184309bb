package org.alexnet.pipelines.evaluate;

import java.io.Serializable;

/**
 * One validation image's outcome: its true label and the five most probable labels, best first;
 * {@code scoredAtMillis} (wall clock) times the scoring itself, without start-up and model loading.
 */
public record Prediction(String filename, int label, int[] top5, long scoredAtMillis) implements Serializable {
  public boolean top1Hit() {
    return top5[0] == label;
  }

  public boolean top5Hit() {
    for (int p : top5) {
      if (p == label) {
        return true;
      }
    }
    return false;
  }
}
