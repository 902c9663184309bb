package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.junit.jupiter.api.Test;

class OncePerStateRendererTest {
  @Test
  void aClosingBarLogsItsLastStateOnce() {
    List<String> lines = new CopyOnWriteArrayList<>();
    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("epoch").setInitialMax(4)
        .setRenderer(new OncePerStateRenderer(" batches"))
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          if (line != null) {
            lines.add(line);
          }
        }, 160))
        .setUpdateIntervalMillis(60_000).build()) {
      bar.stepTo(4);
    }
    assertThat(lines).filteredOn(l -> l.contains("4/4 batches")).as("%s", lines).hasSize(1);
  }
}
