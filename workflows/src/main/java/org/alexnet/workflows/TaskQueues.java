package org.alexnet.workflows;

/**
 * The task queues, one per kind of worker: {@link #PIPELINES} drives Beam pipelines (prepare,
 * evaluate) and runs the workflows themselves; {@link #TRAINING} runs the trainer, on machines with
 * a GPU, one training at a time by default.
 */
public final class TaskQueues {
  public static final String PIPELINES = "pipelines";
  public static final String TRAINING = "training";

  private TaskQueues() {}
}
