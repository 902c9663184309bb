package org.alexnet.cli;

import io.temporal.client.WorkflowNotFoundException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.alexnet.workflows.run.RunClient;
import org.alexnet.workflows.run.RunView;
import org.alexnet.workflows.run.StageRecord;
import org.alexnet.workflows.stage.StageProgress;
import org.alexnet.workflows.temporal.TemporalConnection;
import org.alexnet.workflows.temporal.TemporalTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"Where a run stands: its stage, each stage's attempts and time, and for",
        "training the epoch, step, loss, speed and latest checkpoint. Without RUN,",
        "lists the runs the server has open."})
final class StatusCommand implements Callable<Integer> {
  private static final int EVENTS_SHOWN = 5;

  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RUN", description = "A run's id, as alexnet run prints it (alexnet-run-...).")
  String run;

  @Mixin TemporalOptions temporal;

  @Override
  public Integer call() throws Exception {
    TemporalTarget target = temporal.target();
    try (TemporalConnection connection = target.connect()) {
      RunClient runs = connection.runs();
      PrintWriter out = spec.commandLine().getOut();
      if (run == null) {
        List<String> open = runs.openRuns();
        out.println(open.isEmpty() ? "No runs are open on " + target.address() + "." : "Open runs on " + target.address() + ":");
        open.forEach(id -> out.println("  " + id));
        return 0;
      }
      try {
        print(runs.view(run), out);
      } catch (WorkflowNotFoundException e) {
        throw new IllegalArgumentException(String.format("%s has no run %s (the embedded server forgets its runs when its "
            + "process ends; run.json under the run's work folder keeps what it did)", target.address(), run));
      }
      return 0;
    }
  }

  private static void print(RunView view, PrintWriter out) {
    out.printf("Run %s: %s%n", view.workflowId(), view.status() == null ? view.closeStatus().toLowerCase(Locale.ROOT)
        + " (no worker answered the status query)" : view.status().status() + ", stage " + view.status().stage());
    if (view.status() != null) {
      for (StageRecord s : view.status().stages()) {
        out.printf(Locale.ROOT, "  %-9s %-10s attempts %d  %7.1f s  %s%n", s.name(), s.status(), s.attempts(), s.seconds(),
            s.detail() == null ? "" : s.detail());
      }
    }
    for (RunView.Activity a : view.activities()) {
      out.printf("  in flight: %s, attempt %d, %s%n", a.type(), a.attempt(), a.started() ? "running on worker " + a.worker()
          : "waiting for a worker");
      if (a.lastFailure() != null) {
        out.printf("    the last attempt failed: %s%n", a.lastFailure());
      }
      if (a.progress() != null) {
        for (StageProgress.Bar b : a.progress().bars()) {
          out.printf("    %s: %,d of %,d %s%n", b.name(), b.done(), b.total(), b.unit());
        }
        StageProgress.TrainPosition t = a.progress().training();
        if (t != null) {
          out.printf(Locale.ROOT, "    epoch %d/%d, batch %d/%d, step %,d, loss %.4f, %.1f img/s, training ETA %s%n",
              t.epoch() + 1, t.epochs(), t.batch(), t.batches(), t.step(), t.loss(), t.imagesPerSecond(),
              t.etaSeconds() < 0 ? "?" : RunFollower.duration(t.etaSeconds()));
          out.printf("    latest checkpoint: %s%s%n", t.checkpoint() == null ? "none yet" : t.checkpoint(),
              t.lastTop1() < 0 ? "" : String.format(Locale.ROOT, "; last validation top-1 error %.2f%%", 100 - t.lastTop1()));
        }
      }
    }
    if (view.status() != null) {
      List<String> events = view.status().events();
      events.subList(Math.max(0, events.size() - EVENTS_SHOWN), events.size()).forEach(e -> out.println("  " + e));
      if (view.status().error() != null) {
        out.println("  error: " + view.status().error());
      }
    }
  }
}
