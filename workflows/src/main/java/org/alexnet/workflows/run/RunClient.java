package org.alexnet.workflows.run;

import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.alexnet.workflows.TaskQueues;
import org.alexnet.workflows.stage.StageProgress;

/** Starts, attaches to, watches and cancels runs: what every command that talks to Temporal about runs uses. */
public final class RunClient {
  private final WorkflowClient client;
  private final DataConverter converter;

  public RunClient(WorkflowClient client) {
    this.client = client;
    this.converter = client.getOptions().getDataConverter();
  }

  /** What {@link #startOrAttach} did. */
  public enum Start { STARTED, ATTACHED_RUNNING, ATTACHED_FINISHED }

  /**
   * Starts the run under its own id, or attaches to it: to a running one, or to one that completed
   * on this server (a failed or cancelled one starts again, resuming from storage).
   */
  public Start startOrAttach(RunRequest request) {
    String id = request.workflowId();
    boolean running = isRunning(id);
    WorkflowOptions options = WorkflowOptions.newBuilder()
        .setWorkflowId(id)
        .setTaskQueue(TaskQueues.PIPELINES)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
        .build();
    try {
      WorkflowClient.start(client.newWorkflowStub(RunWorkflow.class, options)::run, request);
      return running ? Start.ATTACHED_RUNNING : Start.STARTED;
    } catch (WorkflowExecutionAlreadyStarted completedBefore) {
      return Start.ATTACHED_FINISHED;
    }
  }

  /** Waits for the run's end; throws the run's failure (a {@code WorkflowFailedException}) if it failed. */
  public RunResult result(String workflowId) {
    return client.newUntypedWorkflowStub(workflowId).getResult(RunResult.class);
  }

  /** Asks the run to stop: the trainer checkpoints first, then the run ends as cancelled. */
  public void cancel(String workflowId) {
    client.newUntypedWorkflowStub(workflowId).cancel("alexnet cancel");
  }

  /**
   * The run now: its query (if a worker answers) and its stage activities with their last heartbeats,
   * including those of a preparation child workflow.
   *
   * @throws WorkflowNotFoundException when this server has no such run
   */
  public RunView view(String workflowId) {
    DescribeWorkflowExecutionResponse described = describe(workflowId);
    WorkflowExecutionStatus execution = described.getWorkflowExecutionInfo().getStatus();
    List<RunView.Activity> activities = new ArrayList<>(activities(described));
    for (PendingChildExecutionInfo child : described.getPendingChildrenList()) {
      try {
        activities.addAll(activities(describe(child.getWorkflowId())));
      } catch (WorkflowNotFoundException | StatusRuntimeException notYet) {
        // the child is being started
      }
    }
    boolean closed = execution != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new RunView(workflowId, closed, execution.name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
        query(workflowId).orElse(null), activities);
  }

  /** The runs this server has open, newest first (the older list call, which the test server serves too). */
  public List<String> openRuns() {
    var request = io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace()).setMaximumPageSize(1000).build();
    return client.getWorkflowServiceStubs().blockingStub().listOpenWorkflowExecutions(request).getExecutionsList()
        .stream()
        .filter(e -> e.getType().getName().equals(RunWorkflow.class.getSimpleName()))
        .sorted(java.util.Comparator.comparing((io.temporal.api.workflow.v1.WorkflowExecutionInfo e) ->
            e.getStartTime().getSeconds()).reversed())
        .map(e -> e.getExecution().getWorkflowId())
        .toList();
  }

  /** The workflow's own account, if a workflow worker answers. */
  public Optional<RunStatus> query(String workflowId) {
    try {
      return Optional.ofNullable(client.newWorkflowStub(RunWorkflow.class, workflowId).status());
    } catch (RuntimeException noWorkerOrNotYet) {
      return Optional.empty();
    }
  }

  private boolean isRunning(String workflowId) {
    try {
      return describe(workflowId).getWorkflowExecutionInfo().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  private DescribeWorkflowExecutionResponse describe(String workflowId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
    return stub.describe().getRawDescription();
  }

  /** A failure's message; a timeout has none, so it says which timeout passed. */
  private static String reason(io.temporal.api.failure.v1.Failure failure) {
    if (!failure.getMessage().isEmpty() || !failure.hasTimeoutFailureInfo()) {
      return failure.getMessage();
    }
    return switch (failure.getTimeoutFailureInfo().getTimeoutType()) {
      case TIMEOUT_TYPE_HEARTBEAT -> "its worker sent no heartbeat within the heartbeat timeout: it died or stalled";
      case TIMEOUT_TYPE_START_TO_CLOSE -> "the attempt ran past its time limit";
      default -> "timed out (" + failure.getTimeoutFailureInfo().getTimeoutType().name() + ")";
    };
  }

  private List<RunView.Activity> activities(DescribeWorkflowExecutionResponse described) {
    List<RunView.Activity> found = new ArrayList<>();
    for (PendingActivityInfo a : described.getPendingActivitiesList()) {
      StageProgress progress = a.hasHeartbeatDetails() ? converter.fromPayloads(0, Optional.of(a.getHeartbeatDetails()),
          StageProgress.class, StageProgress.class) : null;
      String lastFailure = a.hasLastFailure() ? reason(a.getLastFailure()) : null;
      boolean started = a.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;
      found.add(new RunView.Activity(a.getActivityType().getName(), a.getAttempt(), started,
          a.getLastWorkerIdentity(), progress, lastFailure));
    }
    return found;
  }
}
