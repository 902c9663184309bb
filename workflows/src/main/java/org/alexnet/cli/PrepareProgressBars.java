package org.alexnet.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.prepare.PrepareProgress;
import org.alexnet.util.DaemonThreads;

/** One bar per split while prepare runs: images done of images found so far. */
final class PrepareProgressBars implements AutoCloseable {
  private final String key;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
      DaemonThreads.named("progress"));
  private final ProgressBar train = Progress.bar("train", 0, "img");
  private final ProgressBar validation = Progress.bar("validation", 0, "img");

  PrepareProgressBars(String key) {
    this.key = key;
    poller.scheduleAtFixedRate(this::refresh, 0, 500, TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    update(train, Dataset.TRAIN);
    update(validation, Dataset.VALIDATION);
  }

  private void update(ProgressBar bar, String split) {
    bar.maxHint(PrepareProgress.found(key, split));
    bar.stepTo(PrepareProgress.done(key, split));
  }

  @Override
  public void close() {
    poller.shutdownNow();
    refresh();
    train.close();
    validation.close();
  }
}
