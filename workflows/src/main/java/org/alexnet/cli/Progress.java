package org.alexnet.cli;

import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress bars: live on a terminal, a log line per new state (at most every few seconds) when output goes to a file or CI. */
final class Progress {
  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  /** Wide enough for a bar with a training line after it. */
  private static final int LOG_LINE_LENGTH = 160;
  private static final boolean TERMINAL = System.console() != null;

  private Progress() {}

  static ProgressBar bar(String task, long total, String unit) {
    ProgressBarBuilder builder = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setStyle(ProgressBarStyle.ASCII);
    if (!TERMINAL) {
      builder.setRenderer(new OncePerStateRenderer(" " + unit))
          .setConsumer(new DelegatingProgressBarConsumer(Progress::log, LOG_LINE_LENGTH))
          .setUpdateIntervalMillis((int) Duration.ofSeconds(5).toMillis());
    }
    return builder.build();
  }

  /** A line about progress, where the bars go. */
  static void note(String line) {
    if (TERMINAL) {
      System.err.println(line);
    } else {
      LOG.info(line);
    }
  }

  /** The renderer's line, unless it had nothing new to say. */
  private static void log(String line) {
    if (line != null) {
      LOG.info(line);
    }
  }
}
