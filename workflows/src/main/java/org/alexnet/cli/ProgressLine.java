package org.alexnet.cli;

import me.tongfei.progressbar.ProgressBar;

/**
 * A progress bar that opens once its total is known; until then it says once that the total is not
 * known, rather than a bar of "? %" and "0/0".
 */
final class ProgressLine implements AutoCloseable {
  private final String task;
  private final String unit;
  private ProgressBar bar;
  private String extraMessage;
  private boolean unknownSaid;

  ProgressLine(String task, String unit) {
    this.task = task;
    this.unit = unit;
  }

  /** @param total negative while unknown; 0 when there is nothing to count (no bar) */
  void show(long done, long total) {
    if (total < 0) {
      if (bar == null && !unknownSaid) {
        unknownSaid = true;
        Progress.note(task + ": total not known yet");
      }
      return;
    }
    if (total == 0) {
      return;
    }
    if (bar == null) {
      bar = Progress.bar(task, total, unit);
      if (extraMessage != null) {
        bar.setExtraMessage(extraMessage);
      }
    }
    bar.maxHint(total);
    bar.stepTo(done);
  }

  /** Text after the bar, kept for when it opens. */
  void extraMessage(String message) {
    extraMessage = message;
    if (bar != null) {
      bar.setExtraMessage(message);
    }
  }

  /** Closes the bar at its total: the work it counts is done. */
  void finish() {
    if (bar != null) {
      bar.stepTo(bar.getMax());
    }
    close();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
