package org.alexnet.pipelines.evaluate;

import java.io.Serializable;

/**
 * How a model is scored: which crops it sees and how many images go through one forward pass.
 *
 * @param batch images per forward pass (the counts do not depend on it)
 */
public record EvaluateSettings(EvalViews crops, int batch) implements Serializable {
  /** The centre crop, as the trainer's -e, in batches of 64. */
  public static final EvaluateSettings DEFAULTS = new EvaluateSettings(EvalViews.CENTER, 64);

  public EvaluateSettings {
    if (crops == null) {
      throw new IllegalArgumentException("--crops must be center or ten");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("--batch " + batch + " is too small: give --batch 1 or more (run: --eval-batch)");
    }
  }
}
