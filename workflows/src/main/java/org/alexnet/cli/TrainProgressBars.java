package org.alexnet.cli;

import me.tongfei.progressbar.ProgressBar;
import org.alexnet.trainer.loop.BatchReport;
import org.alexnet.trainer.loop.TrainingListener;

/** One progress bar per training epoch and per validation pass. */
final class TrainProgressBars implements TrainingListener, AutoCloseable {
  private String phase;
  private ProgressBar bar;

  @Override
  public Decision batchDone(BatchReport batch) {
    String name = (batch.validation() ? "Validation " : "Epoch ") + batch.epoch();
    if (!name.equals(phase)) {
      close();
      phase = name;
      bar = Progress.bar(name, batch.batches(), "batches");
    }
    bar.stepTo(batch.batch());
    if (batch.batch() == batch.batches()) {
      close();
    }
    return Decision.CONTINUE;
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
