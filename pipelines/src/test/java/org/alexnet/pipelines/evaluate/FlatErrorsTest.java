package org.alexnet.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.junit.jupiter.api.Test;

class FlatErrorsTest {
  /** The devkit's evaluation/demo.val.pred.txt against the real ground truth, as the devkit's demo prints. */
  @Test
  void scoresTheDevkitDemoAsTheDevkitDoes() throws IOException {
    int[] truth = Devkit.parseIds(gunzip("ILSVRC2012_validation_ground_truth.txt.gz"), "ground truth");
    List<int[]> demo = FlatErrors.parse(gunzip("demo.val.pred.txt.gz"), "demo.val.pred.txt");
    assertThat(truth).hasSize(50_000);
    double[] errors = FlatErrors.score(demo, truth);
    double[] devkit = {0.9990, 0.9980, 0.9972, 0.9962, 0.9950};
    for (int k = 0; k < 5; k++) {
      assertThat(errors[k]).as("%d guesses", k + 1).isCloseTo(devkit[k], offset(0.00005));
    }
  }

  @Test
  void countsAnImageRightFromTheGuessThatNamesIt() {
    int[] truth = {3, 7};
    double[] errors = FlatErrors.score(List.of(new int[] {1, 3, 5, 6, 8}, new int[] {7}), truth);
    assertThat(errors).containsExactly(0.5, 0.0, 0.0, 0.0, 0.0);
  }

  @Test
  void refusesFilesThatDoNotLineUp() {
    assertThatThrownBy(() -> FlatErrors.score(List.of(new int[] {1}), new int[] {1, 2}))
        .hasMessageContaining("1 lines, the ground truth 2 images");
    assertThatThrownBy(() -> FlatErrors.parse("1 2 3\nn01440764 4\n", "p.txt"))
        .hasMessageContaining("p.txt line 2");
  }

  private static String gunzip(String name) throws IOException {
    try (InputStream in = new GZIPInputStream(FlatErrorsTest.class.getResourceAsStream("/devkit/" + name))) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
