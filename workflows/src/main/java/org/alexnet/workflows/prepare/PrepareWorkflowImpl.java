package org.alexnet.workflows.prepare;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.workflows.stage.PipelineStages;

public final class PrepareWorkflowImpl implements PrepareWorkflow {
  /**
   * The full ILSVRC2012 takes hours on one machine, so an attempt may run a day. A retry starts the
   * pipeline again from the inputs (it clears the unfinished output first). Bad input fails at once
   * (non-retryable failures from the activity).
   */
  private static ActivityOptions preparing(Duration heartbeat) {
    return PipelineStages.options(Duration.ofHours(24), heartbeat);
  }

  @Override
  public PreparedDataset prepare(PrepareRequest request, int heartbeatSeconds) {
    return Workflow.newActivityStub(PrepareActivities.class, preparing(Duration.ofSeconds(heartbeatSeconds)))
        .prepare(request);
  }
}
