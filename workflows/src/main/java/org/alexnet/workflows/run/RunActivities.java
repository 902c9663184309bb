package org.alexnet.workflows.run;

import io.temporal.activity.ActivityInterface;

/** A run's bookkeeping, on the pipelines queue: its run.json. */
@ActivityInterface
public interface RunActivities {
  /** The run.json at {@code uri}, or null when there is none yet. */
  RunRecord readRecord(String uri);

  /** Writes run.json atomically, adding the code version of this worker. */
  void writeRecord(String uri, RunRecord record);
}
