package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.math.BigInteger;
import java.util.Random;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.pipelines.prepare.image.ChannelMoments;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class MeanAccumulatorTest {
  private static final int SIZE = 32;

  /** Channel means and the RGB covariance equal a plain computation, also for bright, wide images. */
  @Test
  void channelStatisticsAreExact() {
    Random random = new Random(7);
    MeanAccumulator accumulator = new MeanAccumulator(SIZE);
    ChannelMoments moments = new ChannelMoments();
    BigInteger[] sums = zeros(3);
    BigInteger[] products = zeros(9);
    long pixels = 0;
    // A 2000 x 32 image (crop none) has more pixels than one 32-bit chunk can sum when all are 255.
    int[][] sizes = {{SIZE, SIZE}, {2000, SIZE}, {SIZE, 900}};
    for (int[] wh : sizes) {
      byte[] rgb = new byte[wh[0] * wh[1] * 3];
      for (int i = 0; i < rgb.length; i++) {
        rgb[i] = (byte) (255 - random.nextInt(wh[0] == 2000 ? 2 : 256));
      }
      accumulator.add(rgb, wh[0], wh[1], moments);
      for (int p = 0; p < rgb.length; p += 3) {
        for (int a = 0; a < 3; a++) {
          sums[a] = sums[a].add(BigInteger.valueOf(rgb[p + a] & 0xff));
          for (int b = 0; b < 3; b++) {
            products[a * 3 + b] = products[a * 3 + b].add(BigInteger.valueOf((rgb[p + a] & 0xff) * (rgb[p + b] & 0xff)));
          }
        }
      }
      pixels += wh[0] * wh[1];
    }
    moments.close();
    Manifest.MeanStats stats = accumulator.stats("mean.npy");
    assertThat(stats.images()).isEqualTo(3);
    for (int a = 0; a < 3; a++) {
      double mean = sums[a].doubleValue() / pixels;
      assertThat(stats.channelMean()[a]).isCloseTo(mean, offset(1e-9));
      for (int b = 0; b < 3; b++) {
        double covariance = products[a * 3 + b].doubleValue() / pixels - mean * (sums[b].doubleValue() / pixels);
        assertThat(stats.rgbCovariance()[a][b]).isCloseTo(covariance, offset(1e-6));
      }
    }
  }

  /** The mean image counts the central SIZE x SIZE square of larger images. */
  @Test
  void meanImageTakesTheCentralSquare() {
    MeanAccumulator accumulator = new MeanAccumulator(2);
    byte[] wide = new byte[4 * 2 * 3];
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        for (int c = 0; c < 3; c++) {
          wide[(y * 4 + x) * 3 + c] = (byte) (x == 1 || x == 2 ? 200 : 10);
        }
      }
    }
    try (ChannelMoments moments = new ChannelMoments()) {
      accumulator.add(wide, 4, 2, moments);
      accumulator.add(new byte[2 * 2 * 3], 2, 2, moments);
    }
    assertThat(accumulator.meanImage().data()).containsOnly(100f);
  }

  /**
   * The mean image is exact over more bright images than a 16-bit lane holds (256 x 255), for a
   * size whose rows are not whole 8-byte words, and after merging and serialising accumulators
   * that hold images not yet moved out of their lanes.
   */
  @Test
  void meanImageIsExactAcrossLaneFlushesMergesAndSerialisation() {
    int size = 5; // 75 bytes: nine 8-byte words and a tail of three
    Random random = new Random(11);
    long[] expected = new long[size * size * 3];
    MeanAccumulator first = new MeanAccumulator(size);
    MeanAccumulator second = new MeanAccumulator(size);
    try (ChannelMoments moments = new ChannelMoments()) {
      for (int image = 0; image < 700; image++) {
        byte[] rgb = new byte[expected.length];
        for (int i = 0; i < rgb.length; i++) {
          rgb[i] = (byte) (image < 600 ? 255 : random.nextInt(256));
          expected[i] += rgb[i] & 0xff;
        }
        (image % 3 == 0 ? second : first).add(rgb, size, size, moments);
      }
    }
    MeanAccumulator total = SerializableUtils.clone(first).merge(SerializableUtils.clone(second));
    float[] mean = total.meanImage().data();
    for (int i = 0; i < expected.length; i++) {
      assertThat(mean[i]).isEqualTo((float) ((double) expected[i] / 700));
    }
  }

  private static BigInteger[] zeros(int n) {
    BigInteger[] zeros = new BigInteger[n];
    java.util.Arrays.fill(zeros, BigInteger.ZERO);
    return zeros;
  }
}
