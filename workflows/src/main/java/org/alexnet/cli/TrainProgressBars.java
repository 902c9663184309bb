package org.alexnet.cli;

import me.tongfei.progressbar.ProgressBar;
import org.alexnet.trainer.loop.ProgressListener;

/** One progress bar per training epoch and per validation pass. */
final class TrainProgressBars implements ProgressListener, AutoCloseable {
  private String phase;
  private ProgressBar bar;

  @Override
  public void batchDone(String phase, long done, long total) {
    if (!phase.equals(this.phase)) {
      close();
      this.phase = phase;
      bar = Progress.bar(phase, total, "batches");
    }
    bar.stepTo(done);
    if (done == total) {
      close();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
      phase = null;
    }
  }
}
