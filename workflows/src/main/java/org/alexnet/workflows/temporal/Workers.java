package org.alexnet.workflows.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Set;
import org.alexnet.workflows.TaskQueues;
import org.alexnet.workflows.prepare.PrepareWorkflowImpl;
import org.alexnet.workflows.run.RunWorkflowImpl;

/** Starts the workers of one process: the pipelines queue (with the workflows), the training queue, or both. */
public final class Workers {
  /**
   * Heartbeats reach the server at least this often, so that followers show live progress; the SDK's
   * default (80% of the heartbeat timeout, minutes here) would show a bar that moves every few minutes.
   */
  private static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(2);

  private Workers() {}

  /**
   * @param queues {@link TaskQueues#PIPELINES} and/or {@link TaskQueues#TRAINING}
   * @param trainings trainings at a time on the training queue (one per machine: it takes every core or the GPU)
   */
  public static WorkerFactory start(WorkflowClient client, Set<String> queues, StageActivities activities, int trainings) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    for (String queue : queues) {
      switch (queue) {
        case TaskQueues.PIPELINES -> {
          Worker worker = factory.newWorker(queue, base().build());
          worker.registerWorkflowImplementationTypes(RunWorkflowImpl.class, PrepareWorkflowImpl.class);
          worker.registerActivitiesImplementations(activities.prepare(), activities.evaluate(), activities.records());
        }
        case TaskQueues.TRAINING -> factory.newWorker(queue, base().setMaxConcurrentActivityExecutionSize(trainings).build())
            .registerActivitiesImplementations(activities.train());
        default -> throw new IllegalArgumentException("unknown queue '" + queue + "': use "
            + TaskQueues.PIPELINES + " and/or " + TaskQueues.TRAINING);
      }
    }
    factory.start();
    return factory;
  }

  private static WorkerOptions.Builder base() {
    return WorkerOptions.newBuilder().setMaxHeartbeatThrottleInterval(HEARTBEAT_EVERY)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_EVERY);
  }
}
