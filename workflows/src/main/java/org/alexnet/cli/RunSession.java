package org.alexnet.cli;

import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.workflows.TaskQueues;
import org.alexnet.workflows.run.RunClient;
import org.alexnet.workflows.run.RunRequest;
import org.alexnet.workflows.run.RunResult;
import org.alexnet.workflows.temporal.EmbeddedTemporal;
import org.alexnet.workflows.temporal.StageActivities;
import org.alexnet.workflows.temporal.TemporalConnection;
import org.alexnet.workflows.temporal.TemporalTarget;
import org.alexnet.workflows.temporal.Workers;

/**
 * One {@code alexnet run}: connects to Temporal (an embedded server with workers of both queues in
 * this process by default), starts the run or attaches to it, follows it, and prints its result.
 * Ctrl-C stops an embedded run gracefully (the trainer checkpoints first) and detaches from a remote one.
 */
final class RunSession implements AutoCloseable {
  /** How long Ctrl-C waits for the stage in progress to checkpoint and let go. */
  private static final long STOP_WAIT_MINUTES = 3;
  /** Our stages' own progress logs: the follower shows them as bars and lines instead. */
  private static final String[] STAGE_LOGGERS = {"org.alexnet.pipelines", "org.alexnet.trainer", "org.alexnet.workflows",
      "org.alexnet.dataset"};

  private final TemporalOptions temporal;
  private final PrintWriter out;
  private final EmbeddedTemporal server;
  private final TemporalConnection connection;
  private final WorkerFactory workers;
  private final RunClient runs;
  private final String serverFlag;
  private volatile boolean stopping;

  private RunSession(TemporalOptions temporal, PipelineRunner runner, PrintWriter out) throws IOException {
    this.temporal = temporal;
    this.out = out;
    if (temporal.embedded()) {
      for (String logger : STAGE_LOGGERS) {
        System.setProperty("org.slf4j.simpleLogger.log." + logger, "warn");
      }
      server = startEmbedded();
      serverFlag = server.port() == EmbeddedTemporal.DEFAULT_PORT ? "" : " --temporal " + server.target();
    } else {
      server = null;
      serverFlag = temporal.flag();
    }
    TemporalTarget target = server != null ? temporal.at(server.target()) : temporal.target();
    connection = target.connect();
    workers = server == null ? null : Workers.start(connection.client(), Set.of(TaskQueues.PIPELINES,
        TaskQueues.TRAINING), StageActivities.real(runner), 1);
    runs = connection.runs();
  }

  static RunSession open(TemporalOptions temporal, PipelineRunner runner, PrintWriter out) throws IOException {
    return new RunSession(temporal, runner, out);
  }

  /** Runs {@code request} to its end; returns the exit code. */
  int run(RunRequest request) throws InterruptedException {
    String id = request.workflowId();
    long started = System.nanoTime();
    out.println(switch (runs.startOrAttach(request)) {
      case STARTED -> "Run " + id + " started" + (server != null ? " on the embedded Temporal server at " + server.target()
          : " on " + temporal.address) + ".";
      case ATTACHED_RUNNING -> "Run " + id + " is already running: following it.";
      case ATTACHED_FINISHED -> "Run " + id + " finished before on this server: its result follows.";
    });
    out.printf("  status: alexnet status %s%s    cancel: alexnet cancel %s%s%n", id, serverFlag, id, serverFlag);
    Thread onCtrlC = new Thread(() -> interrupted(id), "ctrl-c");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try (RunFollower follower = new RunFollower(runs, out)) {
      follower.follow(id);
      RunResult result = runs.result(id);
      summarize(result, (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (WorkflowFailedException failed) {
      return failed(id, failed);
    } catch (RuntimeException lostServer) {
      if (stopping) {
        Thread.currentThread().join(); // the shutdown hook is stopping things; the JVM exits when it is done
      }
      throw lostServer;
    } finally {
      removeHook(onCtrlC);
    }
  }

  private int failed(String id, WorkflowFailedException failed) {
    if (failed.getCause() instanceof CanceledFailure) {
      out.printf("Run %s was cancelled; the same command resumes it from its last checkpoint.%n", id);
      return UserErrorHandler.USER_ERROR;
    }
    Throwable reason = failed;
    while (reason.getCause() != null) {
      reason = reason.getCause();
    }
    String message = reason instanceof io.temporal.failure.TemporalFailure t ? t.getOriginalMessage() : reason.getMessage();
    throw new RunFailed("run " + id + " failed in " + message);
  }

  private void summarize(RunResult r, double seconds) {
    out.printf(Locale.ROOT, "Run %s completed in %s: on %,d validation images, top-1 error %.2f%%, top-5 error %.2f%%.%n",
        r.workflowId(), RunFollower.duration(seconds), r.images(), 100 * r.top1Error(), 100 * r.top5Error());
    out.printf("  model:   %s (sha256 %s)%n", r.checkpoint(), r.checkpointSha256().substring(0, 12));
    out.printf("  curves:  %s%n", r.curves());
    out.printf("  report:  %s (per_class.png, per_class.csv and val.pred.txt beside it)%n", r.report());
    out.printf("  lineage: %s%n", r.record());
  }

  /** Ctrl-C: stop this process's workers gracefully, or just let go of a run that lives elsewhere. */
  private void interrupted(String id) {
    stopping = true;
    if (workers == null) {
      out.printf("%nDetached from run %s, which goes on. Follow it again with the same command, or: alexnet status %s%s%n",
          id, id, serverFlag);
      out.flush();
      return;
    }
    out.printf("%nStopping run %s: training writes a checkpoint first. The same command resumes it.%n", id);
    out.flush();
    workers.shutdown();
    workers.awaitTermination(STOP_WAIT_MINUTES, TimeUnit.MINUTES);
    out.println("Stopped.");
    out.flush();
  }

  private static EmbeddedTemporal startEmbedded() throws IOException {
    try {
      return EmbeddedTemporal.start(EmbeddedTemporal.DEFAULT_PORT);
    } catch (BindException taken) {
      return EmbeddedTemporal.start(0); // another run holds the default port; this one gets its own server
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: nothing to remove
    }
  }

  @Override
  public void close() {
    if (stopping) {
      return;
    }
    if (workers != null) {
      workers.shutdownNow();
      workers.awaitTermination(10, TimeUnit.SECONDS);
    }
    connection.close();
    if (server != null) {
      server.close();
    }
  }

  /** A run that failed: its stage and reason, in one line for the user. */
  static final class RunFailed extends IllegalArgumentException {
    RunFailed(String message) {
      super(message);
    }
  }
}
