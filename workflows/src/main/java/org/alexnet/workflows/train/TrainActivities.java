package org.alexnet.workflows.train;

import io.temporal.activity.ActivityInterface;
import org.alexnet.trainer.TrainRequest;

/** Training, on the training queue (the GPU machines). */
@ActivityInterface
public interface TrainActivities {
  /**
   * Trains, resuming from the newest checkpoint that reads back whole, and heartbeats where it
   * stands after every batch; a cancel or a worker shutting down checkpoints first, then stops.
   */
  TrainOutcome train(TrainRequest request);
}
