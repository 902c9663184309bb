package org.alexnet.cli;

import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.alexnet.workflows.run.RunClient;
import org.alexnet.workflows.run.RunView;
import org.alexnet.workflows.temporal.TemporalConnection;
import org.alexnet.workflows.temporal.TemporalTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {"Stops a run gracefully: the trainer writes a checkpoint of where it stands,",
        "then the run ends as cancelled. The same 'alexnet run' command resumes it."})
final class CancelCommand implements Callable<Integer> {
  /** A full AlexNet checkpoint on slow storage takes a minute or so. */
  private static final Duration WAIT = Duration.ofMinutes(5);

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "A run's id, as alexnet run prints it (alexnet-run-...).")
  String run;

  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() throws Exception {
    TemporalTarget target = temporal.target();
    try (TemporalConnection connection = target.connect()) {
      RunClient runs = connection.runs();
      var out = spec.commandLine().getOut();
      try {
        runs.cancel(run);
      } catch (WorkflowNotFoundException e) {
        throw new IllegalArgumentException(target.address() + " has no run " + run + " to cancel");
      }
      out.printf("Cancel requested for %s; waiting for the stage in progress to checkpoint and stop...%n", run);
      out.flush();
      long deadline = System.nanoTime() + WAIT.toNanos();
      RunView view = runs.view(run);
      while (!view.closed() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        view = runs.view(run);
      }
      String ended = view.status() != null ? view.status().status() : view.closeStatus().toLowerCase(java.util.Locale.ROOT);
      out.println(view.closed() ? "Run " + run + " is " + ended + "; the same alexnet run command resumes it."
          : "The run has not stopped yet; alexnet status " + run + temporal.flag() + " shows where it is.");
      return 0;
    }
  }
}
