package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.pipelines.prepare.image.ChannelMoments;

/**
 * Exact training-set statistics in 64-bit integers: the per-pixel sum (for the mean image), and per
 * channel the sums, squares and cross products (for mean, std and the RGB covariance that PCA colour
 * noise needs). Integer sums make the result independent of the order images are added in.
 */
public final class MeanAccumulator implements Serializable {
  private final int size;
  private long images;
  private long[] pixelSums;
  private final long[] channelSums = new long[3];
  private final long[] products = new long[9];
  private long pixels;

  public MeanAccumulator(int size) {
    this.size = size;
  }

  /**
   * Adds an RGB image; for images larger than SIZE x SIZE (crop none) its central square counts in
   * the mean image, and all of it in the channel statistics.
   */
  public void add(byte[] rgb, int width, int height, ChannelMoments moments) {
    if (pixelSums == null) {
      pixelSums = new long[size * size * 3];
    }
    int x0 = (width - size) / 2;
    int y0 = (height - size) / 2;
    for (int y = 0; y < size; y++) {
      int row = ((y0 + y) * width + x0) * 3;
      int target = y * size * 3;
      for (int i = 0; i < size * 3; i++) {
        pixelSums[target + i] += rgb[row + i] & 0xff;
      }
    }
    ChannelMoments.Sums m = moments.of(rgb);
    channelSums[0] += m.r();
    channelSums[1] += m.g();
    channelSums[2] += m.b();
    products[0] += m.rr();
    products[1] += m.rg();
    products[2] += m.rb();
    products[4] += m.gg();
    products[5] += m.gb();
    products[8] += m.bb();
    pixels += rgb.length / 3;
    images++;
  }

  public MeanAccumulator merge(MeanAccumulator other) {
    if (other.pixelSums != null) {
      if (pixelSums == null) {
        pixelSums = new long[other.pixelSums.length];
      }
      for (int i = 0; i < pixelSums.length; i++) {
        pixelSums[i] += other.pixelSums[i];
      }
    }
    for (int i = 0; i < 3; i++) {
      channelSums[i] += other.channelSums[i];
    }
    for (int i = 0; i < 9; i++) {
      products[i] += other.products[i];
    }
    pixels += other.pixels;
    images += other.images;
    return this;
  }

  public long images() {
    return images;
  }

  /** The mean image, SIZE x SIZE x 3, in 0..255 units. */
  public NpyArray meanImage() {
    float[] mean = new float[size * size * 3];
    for (int i = 0; i < mean.length && images > 0; i++) {
      mean[i] = (float) ((double) pixelSums[i] / images);
    }
    return new NpyArray(new int[] {size, size, 3}, mean);
  }

  public Manifest.MeanStats stats(String file) {
    double[] mean = new double[3];
    double[][] covariance = new double[3][3];
    double[] std = new double[3];
    if (pixels > 0) {
      for (int c = 0; c < 3; c++) {
        mean[c] = (double) channelSums[c] / pixels;
      }
      for (int a = 0; a < 3; a++) {
        for (int b = a; b < 3; b++) {
          double v = (double) products[a * 3 + b] / pixels - mean[a] * mean[b];
          covariance[a][b] = v;
          covariance[b][a] = v;
        }
        std[a] = Math.sqrt(Math.max(0, covariance[a][a]));
      }
    }
    return new Manifest.MeanStats(file, images, mean, std, covariance);
  }
}
