package org.alexnet.workflows.run;

import java.util.List;
import org.alexnet.workflows.stage.StageProgress;

/**
 * A run as a client sees it right now: the workflow's own account (null while no worker answers its
 * query) and each stage activity in flight with its last heartbeat.
 *
 * @param closed the workflow has ended (completed, failed, cancelled, terminated or timed out)
 * @param closeStatus Temporal's status of the execution, e.g. RUNNING or COMPLETED
 */
public record RunView(String workflowId, boolean closed, String closeStatus, RunStatus status, List<Activity> activities) {
  public RunView {
    activities = List.copyOf(activities);
  }

  /**
   * A stage activity in flight.
   *
   * @param started a worker holds it; false while it waits in its task queue for one
   * @param worker the identity of the worker that holds it or last held it (pid@host), or "" before any did
   * @param progress its last heartbeat, or null before the first
   * @param lastFailure why the previous attempt failed, or null on the first
   */
  public record Activity(String type, int attempt, boolean started, String worker, StageProgress progress,
      String lastFailure) {}
}
