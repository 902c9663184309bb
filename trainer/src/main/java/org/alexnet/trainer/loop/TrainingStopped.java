package org.alexnet.trainer.loop;

/** Training stopped because a {@link TrainingListener} asked it to, not because it failed or finished. */
public final class TrainingStopped extends RuntimeException {
  private final String checkpoint;

  /** @param checkpoint the checkpoint written before stopping, or null */
  TrainingStopped(String checkpoint) {
    super(checkpoint == null ? "training stopped" : "training stopped after checkpoint " + checkpoint);
    this.checkpoint = checkpoint;
  }

  public String checkpoint() {
    return checkpoint;
  }
}
