package org.alexnet.workflows.train;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.failure.TimeoutFailure;
import java.util.List;
import org.alexnet.trainer.loop.BatchReport;
import org.alexnet.trainer.loop.EvalResult;
import org.alexnet.trainer.loop.TrainingListener;
import org.alexnet.workflows.stage.StageProgress;

/**
 * Heartbeats from the training loop itself after every batch (the SDK sends at most one every
 * couple of seconds), and turns what the heartbeat learns into the trainer's next move:
 * a cancel or a worker shutting down checkpoints and stops; an attempt the server gave up on (its
 * heartbeat timed out, or it no longer exists) stops without writing, since its retry may already
 * be training from the same checkpoints.
 */
final class HeartbeatListener implements TrainingListener {
  private static final int KEPT_NOTES = 8;
  private final ActivityExecutionContext context;
  private ActivityCompletionException stop;
  private String checkpoint;
  private String resumedFrom;
  /** The latest notes, enough to cover a follower's poll interval at any speed of training. */
  private final java.util.ArrayDeque<StageProgress.Note> notes = new java.util.ArrayDeque<>();
  private int noteCount;
  private double lastTop1 = -1;
  private double lastTop5 = -1;
  private long trainingStartNanos = System.nanoTime();
  private long trainingStartStep = -1;
  private BatchReport lastTraining;

  HeartbeatListener(ActivityExecutionContext context) {
    this.context = context;
  }

  /** Before the first batch: building the model and reading a checkpoint can take a while. */
  void starting(String what) {
    note(what);
    beat(new StageProgress(List.of(), List.copyOf(notes), null));
  }

  private void note(String text) {
    notes.addLast(new StageProgress.Note(++noteCount, text));
    if (notes.size() > KEPT_NOTES) {
      notes.removeFirst();
    }
  }

  @Override
  public void resumed(String uri) {
    checkpoint = uri;
    resumedFrom = uri;
    note("resumed from " + uri);
  }

  @Override
  public void epochDone(int epoch, EvalResult validation) {
    lastTop1 = validation.acc1();
    lastTop5 = validation.acc5();
    note(String.format(java.util.Locale.ROOT, "epoch %d: validation top-1 error %.2f%%, top-5 error %.2f%%",
        epoch + 1, 100 - validation.acc1(), 100 - validation.acc5()));
  }

  /** Validation accuracies (top-1, top-5) after the last epoch this attempt trained; -1 before one. */
  double[] lastValidation() {
    return new double[] {lastTop1, lastTop5};
  }

  /** The checkpoint this attempt resumed from, or null. */
  String resumedFrom() {
    return resumedFrom;
  }

  @Override
  public Decision batchDone(BatchReport batch) {
    if (!batch.validation()) {
      if (trainingStartStep < 0) {
        trainingStartStep = batch.step() - 1;
        trainingStartNanos = System.nanoTime();
      }
      lastTraining = batch;
    }
    return beat(progress(batch));
  }

  @Override
  public void checkpointed(String uri) {
    checkpoint = uri;
  }

  /** The reason the trainer stopped, to rethrow once it has. */
  ActivityCompletionException stopReason() {
    return stop;
  }

  /** Why the heartbeat stopped the trainer, for the worker's log. */
  String whyStopped() {
    if (stop instanceof ActivityCanceledException) {
      return stop.getCause() instanceof TimeoutFailure
          ? "this attempt timed out (its heartbeats came late), so a retry may be training: nothing more is written"
          : "the run was cancelled";
    }
    if (stop instanceof ActivityWorkerShutdownException) {
      return "this worker is shutting down";
    }
    return "the server no longer knows this attempt (it timed out, or the server restarted): nothing more is written";
  }

  private Decision beat(StageProgress progress) {
    try {
      context.heartbeat(progress);
      return Decision.CONTINUE;
    } catch (ActivityCanceledException e) {
      stop = e;
      return e.getCause() instanceof TimeoutFailure ? Decision.STOP : Decision.CHECKPOINT_AND_STOP;
    } catch (ActivityWorkerShutdownException e) {
      stop = e;
      return Decision.CHECKPOINT_AND_STOP;
    } catch (ActivityCompletionException e) {
      stop = e;
      return Decision.STOP;
    }
  }

  private StageProgress progress(BatchReport batch) {
    BatchReport t = lastTraining != null ? lastTraining : batch;
    String name = batch.validation() ? "validate epoch " + (batch.epoch() + 1) : "epoch " + (batch.epoch() + 1) + "/" + batch.epochs();
    StageProgress.Bar bar = new StageProgress.Bar(name, batch.batch(), batch.batches(), "batches");
    long stepsLeft = (long) (t.epochs() - t.epoch()) * t.batches() - t.batch();
    double seconds = (System.nanoTime() - trainingStartNanos) / 1e9;
    long stepsDone = t.step() - trainingStartStep;
    double eta = stepsDone > 0 ? stepsLeft * seconds / stepsDone : -1;
    return new StageProgress(List.of(bar), List.copyOf(notes), new StageProgress.TrainPosition(t.epoch(), t.epochs(), t.batch(),
        t.batches(), t.step(), t.loss(), t.imagesPerSecond(), eta, checkpoint, lastTop1));
  }
}
