package org.alexnet.trainer.loop;

/**
 * Told after every batch (progress bars, a workflow's heartbeats); its answer says whether training
 * goes on. A listener that throws fails the run as any other error would.
 */
@FunctionalInterface
public interface TrainingListener {
  TrainingListener NONE = batch -> Decision.CONTINUE;

  /** What the trainer does after a batch. */
  enum Decision {
    CONTINUE,
    /** Write a checkpoint of where training stands, then stop (a cancel, a worker shutting down). */
    CHECKPOINT_AND_STOP,
    /** Stop at once and write nothing (this run no longer owns its checkpoints). */
    STOP
  }

  Decision batchDone(BatchReport batch);

  /** After a checkpoint is written. */
  default void checkpointed(String uri) {}

  /** Before training, when the run continues from checkpoint {@code uri}. */
  default void resumed(String uri) {}

  /** After an epoch's validation pass. */
  default void epochDone(int epoch, EvalResult validation) {}

  /** Both listeners hear everything; the more drastic decision wins. */
  default TrainingListener and(TrainingListener other) {
    TrainingListener first = this;
    return new TrainingListener() {
      @Override
      public Decision batchDone(BatchReport batch) {
        Decision a = first.batchDone(batch);
        Decision b = other.batchDone(batch);
        return a.compareTo(b) >= 0 ? a : b;
      }

      @Override
      public void checkpointed(String uri) {
        first.checkpointed(uri);
        other.checkpointed(uri);
      }

      @Override
      public void resumed(String uri) {
        first.resumed(uri);
        other.resumed(uri);
      }

      @Override
      public void epochDone(int epoch, EvalResult validation) {
        first.epochDone(epoch, validation);
        other.epochDone(epoch, validation);
      }
    };
  }
}
