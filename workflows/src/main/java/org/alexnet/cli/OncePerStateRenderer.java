package org.alexnet.cli;

import java.text.DecimalFormat;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import me.tongfei.progressbar.DefaultProgressBarRenderer;
import me.tongfei.progressbar.ProgressBarStyle;
import me.tongfei.progressbar.ProgressState;

/**
 * The bar's usual line, but only when its count or total moved since the last one (null otherwise):
 * a log gets one line per state, where progressbar 0.10.1 renders a bar's last state once more as it
 * closes (twice when that state is new).
 */
final class OncePerStateRenderer extends DefaultProgressBarRenderer {
  private long current = Long.MIN_VALUE;
  private long max = Long.MIN_VALUE;

  OncePerStateRenderer(String unit) {
    super(ProgressBarStyle.ASCII, unit, 1, true, new DecimalFormat("#.0"), ChronoUnit.SECONDS, true,
        OncePerStateRenderer::linearEta); // the speed as the builder formats it on a terminal
  }

  @Override
  public synchronized String render(ProgressState state, int maxLength) {
    if (state.getCurrent() == current && state.getMax() == max) {
      return null;
    }
    current = state.getCurrent();
    max = state.getMax();
    return super.render(state, maxLength);
  }

  /** The rest at the speed so far, as the library's own (package-private) estimate. */
  private static Optional<Duration> linearEta(ProgressState s) {
    long done = s.getCurrent() - s.getStart();
    if (s.getMax() <= 0 || s.isIndefinite() || done == 0) {
      return Optional.empty();
    }
    return Optional.of(s.getElapsedAfterStart().dividedBy(done).multipliedBy(s.getMax() - s.getCurrent()));
  }
}
