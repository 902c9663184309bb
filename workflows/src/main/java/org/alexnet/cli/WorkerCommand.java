package org.alexnet.cli;

import io.temporal.worker.WorkerFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.workflows.TaskQueues;
import org.alexnet.workflows.temporal.StageActivities;
import org.alexnet.workflows.temporal.TemporalConnection;
import org.alexnet.workflows.temporal.TemporalTarget;
import org.alexnet.workflows.temporal.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
        "Runs Temporal workers for one or both task queues until stopped: pipelines",
        "(the workflows, and the prepare and evaluate Beam drivers, on the Flink this",
        "worker is given) and training (the trainer: run it on the GPU machines).",
        "Ctrl-C stops gracefully: a training in progress checkpoints first."})
final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Option(names = "--queues", split = ",", defaultValue = TaskQueues.PIPELINES + "," + TaskQueues.TRAINING,
      description = "pipelines, training, or both (default: ${DEFAULT-VALUE}).")
  List<String> queues;

  @Option(names = "--trainings", defaultValue = "1",
      description = "Trainings at a time on the training queue (default: ${DEFAULT-VALUE}: one takes every core or the GPU).")
  int trainings;

  @Mixin TemporalOptions temporal;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws Exception {
    Set<String> chosen = new LinkedHashSet<>(queues);
    if (trainings < 1) {
      throw new IllegalArgumentException("--trainings must be at least 1");
    }
    PipelineRunner pipelines = runner.runner(storage);
    storage.apply();
    TemporalTarget target = temporal.target();
    TemporalConnection connection = target.connect();
    WorkerFactory factory = Workers.start(connection.client(), chosen, StageActivities.real(pipelines), trainings);
    var out = spec.commandLine().getOut();
    out.printf("Worker for %s on %s, namespace %s; Ctrl-C stops it (a training in progress checkpoints first).%n",
        String.join(" and ", chosen), target.address(), target.namespace());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("Stopping the worker: waiting for the stages in progress to checkpoint or end...");
      out.flush();
      factory.shutdown();
      factory.awaitTermination(3, TimeUnit.MINUTES);
      connection.close();
      stopped.countDown();
    }, "ctrl-c"));
    stopped.await();
    return 0;
  }
}
