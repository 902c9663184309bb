package org.alexnet.workflows.run;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * prepare -> train -> evaluate, each stage an activity that is retried and resumes from storage.
 * Start it with the id {@link RunRequest#workflowId} gives: the same request is the same run.
 */
@WorkflowInterface
public interface RunWorkflow {
  @WorkflowMethod
  RunResult run(RunRequest request);

  @QueryMethod
  RunStatus status();
}
