package org.alexnet.workflows.stage;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.alexnet.util.DaemonThreads;

/**
 * Heartbeats a pipeline stage's progress from a side thread while its Beam driver blocks in
 * {@code waitUntilFinish}. A dead worker stops heartbeating, which is what the heartbeat timeout
 * notices; a cancel is remembered and thrown when the pipeline returns (a running pipeline is not
 * interrupted: its output commits atomically or not at all).
 */
public final class Heartbeater implements AutoCloseable {
  private final ActivityExecutionContext context;
  private final Supplier<StageProgress> progress;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("heartbeat"));
  private volatile ActivityCompletionException stop;

  public Heartbeater(ActivityExecutionContext context, Supplier<StageProgress> progress) {
    this.context = context;
    this.progress = progress;
    timer.scheduleWithFixedDelay(this::beat, 0, 1, TimeUnit.SECONDS);
  }

  private void beat() {
    if (stop != null) {
      return;
    }
    try {
      context.heartbeat(progress.get());
    } catch (ActivityCompletionException e) {
      stop = e;
    } catch (RuntimeException e) {
      // a progress snapshot that failed is no reason to stop the stage; the next beat tries again
    }
  }

  /** Throws the cancel or shutdown that heartbeating learned of, if any. */
  public void throwIfStopped() {
    if (stop != null) {
      throw stop;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
