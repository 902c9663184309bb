package org.alexnet.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.alexnet.workflows.run.RunClient;
import org.alexnet.workflows.run.RunStatus;
import org.alexnet.workflows.run.RunView;
import org.alexnet.workflows.stage.StageProgress;

/**
 * Follows a run until it ends: the workflow's news as lines, each stage's heartbeats as progress
 * bars (one line per thing counted, with its real total), retries and waits for a worker as lines.
 */
final class RunFollower implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(500);
  /** A stage waiting this long in its queue is probably waiting for a worker that is not there. */
  private static final Duration NO_WORKER = Duration.ofSeconds(15);

  private final RunClient runs;
  private final PrintWriter out;
  private final Map<String, ProgressLine> bars = new HashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  /** Per stage and attempt, the last note printed. */
  private final Map<String, Integer> notesShown = new HashMap<>();
  private final Set<String> waitingSaid = new HashSet<>();
  private final Map<String, Long> queuedSince = new HashMap<>();
  private final Set<String> ended = new HashSet<>();
  private int eventsShown;

  RunFollower(RunClient runs, PrintWriter out) {
    this.runs = runs;
    this.out = out;
  }

  /** Prints the run's progress until its workflow ends (or this thread is interrupted). */
  void follow(String workflowId) throws InterruptedException {
    while (true) {
      RunView view = runs.view(workflowId);
      show(view);
      if (view.closed()) {
        // the last news (the evaluation's line, the failure) may come with the close
        runs.query(workflowId).ifPresent(this::showEvents);
        close();
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void show(RunView view) {
    if (view.status() != null) {
      showEvents(view.status());
    }
    Set<String> inFlight = new HashSet<>();
    for (RunView.Activity a : view.activities()) {
      String stage = stageOf(a.type());
      if (ended.contains(stage)) {
        continue; // described just before its result reached the workflow
      }
      inFlight.add(stage);
      Integer seen = attempts.put(stage, a.attempt());
      if (seen != null && a.attempt() > seen) {
        closeBars(stage, Set.of(), false);
        line(String.format("%s: attempt %d failed (%s); retrying, attempt %d", stage, seen,
            a.lastFailure() == null ? "no reason given" : a.lastFailure(), a.attempt()));
      }
      waitForWorker(stage, a);
      if (a.progress() != null) {
        showProgress(stage, a.attempt(), a.progress());
      }
    }
    bars.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).filter(stage -> !inFlight.contains(stage))
        .distinct().toList().forEach(stage -> closeBars(stage, Set.of(), false));
  }

  /** The stage's bars as its heartbeat has them: new ones opened, ones it no longer counts (a past epoch) closed. */
  private void showProgress(String stage, int attempt, StageProgress progress) {
    String key = stage + "/" + attempt;
    for (StageProgress.Note note : progress.notes()) {
      if (note.seq() > notesShown.getOrDefault(key, 0)) {
        notesShown.put(key, note.seq());
        line(stage + ": " + note.text());
      }
    }
    Set<String> current = new HashSet<>();
    progress.bars().forEach(b -> current.add(stage + "/" + b.name()));
    closeBars(stage, current, true); // a bar the heartbeat no longer has is a pass that finished
    for (StageProgress.Bar b : progress.bars()) {
      ProgressLine bar = bars.computeIfAbsent(stage + "/" + b.name(), k -> new ProgressLine(b.name(), b.unit()));
      if (progress.training() != null) {
        bar.extraMessage(trainingLine(progress.training()));
      }
      bar.show(b.done(), b.total());
    }
  }

  private void showEvents(RunStatus status) {
    status.stages().stream().filter(s -> !s.status().equals("pending") && !s.status().equals("running"))
        .forEach(s -> ended.add(s.name()));
    while (eventsShown < status.events().size()) {
      String event = status.events().get(eventsShown++);
      closeBars(event.substring(0, Math.max(0, event.indexOf(':'))), Set.of(), true);
      line(event);
    }
  }

  /** A first attempt long in its queue: a retry waits out its backoff in the queue too, so only first attempts say so. */
  private void waitForWorker(String stage, RunView.Activity a) {
    if (a.started() || a.attempt() > 1) {
      queuedSince.remove(stage);
      return;
    }
    long since = queuedSince.computeIfAbsent(stage, s -> System.nanoTime());
    if (System.nanoTime() - since > NO_WORKER.toNanos() && waitingSaid.add(stage + a.attempt())) {
      String queue = stage.equals("train") ? "training" : "pipelines";
      line(String.format("%s: waiting for a worker on the %s queue (start one: alexnet worker --queues %s)", stage,
          queue, queue));
    }
  }

  private static String trainingLine(StageProgress.TrainPosition t) {
    String eta = t.etaSeconds() < 0 ? "?" : duration(t.etaSeconds());
    return String.format(Locale.ROOT, " step %,d  loss %.4f  %.0f img/s  training ETA %s", t.step(), t.loss(),
        t.imagesPerSecond(), eta);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60)
        : s + "s";
  }

  private static String stageOf(String activityType) {
    return switch (activityType) {
      case "Train" -> "train";
      case "Evaluate" -> "evaluate";
      default -> "prepare";
    };
  }

  private void line(String text) {
    out.println(text);
    out.flush();
  }

  /** Closes the stage's bars but those in {@code keep}, at their totals when the work they count finished. */
  private void closeBars(String stage, Set<String> keep, boolean finished) {
    bars.entrySet().removeIf(e -> {
      if (e.getKey().startsWith(stage + "/") && !keep.contains(e.getKey())) {
        if (finished) {
          e.getValue().finish();
        } else {
          e.getValue().close();
        }
        return true;
      }
      return false;
    });
  }

  @Override
  public void close() {
    bars.values().forEach(ProgressLine::close);
    bars.clear();
  }
}
