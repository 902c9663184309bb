package org.alexnet.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.prepare.PrepareProgress;
import org.alexnet.util.DaemonThreads;

/** One bar per split while prepare runs: images done of the split's total, from when it is known. */
final class PrepareProgressBars implements AutoCloseable {
  private final String key;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("progress"));
  private final ProgressLine train = new ProgressLine("train", "img");
  private final ProgressLine validation = new ProgressLine("validation", "img");

  PrepareProgressBars(String key) {
    this.key = key;
    poller.scheduleAtFixedRate(this::refresh, 0, 500, TimeUnit.MILLISECONDS);
  }

  private synchronized void refresh() {
    if (!PrepareProgress.indexed(key)) {
      return; // nothing to count before the index
    }
    update(train, Dataset.TRAIN);
    update(validation, Dataset.VALIDATION);
  }

  private void update(ProgressLine bar, String split) {
    bar.show(PrepareProgress.done(key, split), PrepareProgress.total(key, split));
  }

  @Override
  public synchronized void close() {
    poller.shutdownNow(); // a refresh in flight holds this lock: the bars close after it
    refresh();
    train.close();
    validation.close();
  }
}
