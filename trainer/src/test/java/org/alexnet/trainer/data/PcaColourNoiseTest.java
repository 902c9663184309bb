package org.alexnet.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaColourNoiseTest {
  /** An ImageNet-like RGB covariance (0..255 units): strongly correlated channels. */
  private static final double[][] COVARIANCE = {{4900, 4400, 3900}, {4400, 4700, 4300}, {3900, 4300, 4800}};

  @Test
  void eigenvectorsDiagonalizeTheCovariance() {
    PcaColourNoise noise = new PcaColourNoise(COVARIANCE, 0.1);
    for (int i = 0; i < 3; i++) {
      double[] v = noise.eigenvector(i);
      for (int r = 0; r < 3; r++) {
        double cv = COVARIANCE[r][0] * v[0] + COVARIANCE[r][1] * v[1] + COVARIANCE[r][2] * v[2];
        assertThat(cv).isCloseTo(noise.eigenvalue(i) * v[r], offset(1e-6));
      }
    }
  }

  /** The shifts' covariance is sigma^2 times the data's: the noise follows the colours' own spread. */
  @Test
  void shiftsHaveSigmaSquaredTimesTheDataCovariance() {
    double sigma = 0.1;
    PcaColourNoise noise = new PcaColourNoise(COVARIANCE, sigma);
    SplittableRandom random = new SplittableRandom(1);
    int n = 40_000;
    double[][] sum = new double[3][3];
    for (int k = 0; k < n; k++) {
      float[] s = noise.shift(random);
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          sum[a][b] += s[a] * s[b];
        }
      }
    }
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < 3; b++) {
        assertThat(sum[a][b] / n).isCloseTo(sigma * sigma * COVARIANCE[a][b], offset(0.05 * sigma * sigma * 4900));
      }
    }
  }
}
