package org.alexnet.trainer.checkpoint;

import java.io.Serializable;
import org.alexnet.options.Flag;
import org.alexnet.storage.StorageUri;

/**
 * Where and how often a run checkpoints. Every epoch end always writes one; these add more.
 *
 * @param dir a local folder or {@code s3://} prefix
 * @param everySteps also checkpoint every N optimizer steps (0: only at epoch ends)
 * @param everyMinutes also checkpoint when this many minutes passed since the last one (0: never)
 * @param keepLast checkpoints kept besides model_best.zip (the PyTorch example keeps one; 3 survive a bad write)
 */
public record Checkpointing(String dir, int everySteps, double everyMinutes, int keepLast) implements Serializable {
  public static final int KEEP_LAST = 3;

  public Checkpointing {
    StorageUri.parse(dir);
    checkIntervals(everySteps, everyMinutes);
    if (keepLast < 1) {
      throw new IllegalArgumentException("at least one checkpoint must be kept");
    }
  }

  /** --checkpoint-every and --checkpoint-minutes, which a workflow's run takes before it makes its request. */
  public static void checkIntervals(int everySteps, double everyMinutes) {
    Flag.notNegative("--checkpoint-every", everySteps);
    Flag.notNegative("--checkpoint-minutes", everyMinutes);
  }
}
