package org.alexnet.trainer.checkpoint;

/** A newer trainer claimed the checkpoint folder: this one must stop without writing to it. */
public final class CheckpointsTakenOver extends IllegalStateException {
  CheckpointsTakenOver(String dir, long mine, long current) {
    super(String.format("another training took over %s (generation %d; this one is %d), so this one stops without "
        + "writing to it", dir, current, mine));
  }
}
