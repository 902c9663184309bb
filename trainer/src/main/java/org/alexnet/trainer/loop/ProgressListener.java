package org.alexnet.trainer.loop;

/** Told after every batch, so a front end can draw progress bars. */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (phase, done, total) -> { };

  /**
   * @param phase what is running, e.g. "Epoch 3" or "Validation"; a new phase starts a new bar
   * @param done batches done in this phase
   * @param total batches in this phase, or -1 when not known in advance
   */
  void batchDone(String phase, long done, long total);
}
