package org.alexnet.workflows.prepare;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.workflows.TaskQueues;
import org.alexnet.workflows.stage.Retries;

public final class PrepareWorkflowImpl implements PrepareWorkflow {
  /**
   * The full ILSVRC2012 takes hours on one machine, so an attempt may run a day. A pipelines worker
   * heartbeats every second while its Beam driver waits, so silence past the heartbeat timeout means it died.
   * A retry starts the pipeline again from the inputs (it clears the unfinished output first); five
   * attempts with backoff ride out a cluster or storage outage of about half an hour. Bad input
   * fails at once (non-retryable failures from the activity).
   */
  private static ActivityOptions preparing(Duration heartbeat) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.PIPELINES)
        .setStartToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(heartbeat)
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 5))
        .build();
  }

  @Override
  public PreparedDataset prepare(PrepareRequest request, int heartbeatSeconds) {
    return Workflow.newActivityStub(PrepareActivities.class, preparing(Duration.ofSeconds(heartbeatSeconds)))
        .prepare(request);
  }
}
