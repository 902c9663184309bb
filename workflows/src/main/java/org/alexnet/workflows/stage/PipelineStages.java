package org.alexnet.workflows.stage;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import org.alexnet.workflows.TaskQueues;

/**
 * How a Beam pipeline run as an activity (prepare, evaluate) is timed and retried: a pipelines worker
 * heartbeats every second while its driver waits, so silence past the heartbeat timeout means it died;
 * five attempts with backoff from 5 s to 10 min ride out a cluster or storage outage of about half an hour.
 */
public final class PipelineStages {
  private PipelineStages() {}

  /** @param longest how long one attempt may run */
  public static ActivityOptions options(Duration longest, Duration heartbeat) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.PIPELINES)
        .setStartToCloseTimeout(longest)
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 5))
        .build();
  }
}
