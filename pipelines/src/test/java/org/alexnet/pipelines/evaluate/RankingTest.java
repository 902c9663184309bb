package org.alexnet.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RankingTest {
  /** Two views of one image, averaged by hand: (0.7+0.1)/2, (0.2+0.6)/2, (0.1+0.3)/2 = 0.4, 0.4, 0.2. */
  @Test
  void averagesViewsThenRanksTiesByClass() {
    float[] views = {0.7f, 0.2f, 0.1f, 0.1f, 0.6f, 0.3f};
    float[] mean = Ranking.meanOfViews(views, 1, 2, 3);
    assertThat(mean).containsExactly(new float[] {0.4f, 0.4f, 0.2f}, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(Ranking.top5(mean, 0, 3)).containsExactly(0, 1, 2);
    assertThat(Ranking.top5(new float[] {0.1f, 0.3f, 0.2f, 0.05f, 0.15f, 0.1f, 0.1f}, 0, 7))
        .containsExactly(1, 2, 4, 0, 5);
  }
}
