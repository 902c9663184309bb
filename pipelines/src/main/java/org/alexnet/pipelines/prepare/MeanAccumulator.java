package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.npy.NpyArray;

/**
 * Exact training-set statistics in 64-bit integers: the per-pixel sum (for the mean image), and per
 * channel the sums, squares and cross products (for mean, std and the RGB covariance that PCA colour
 * noise needs). Integer sums make the result independent of the order images are added in.
 */
public final class MeanAccumulator implements Serializable {
  /** 16,384 pixels: at most 16384 x 255 x 255 < 2^32 per product sum. */
  private static final int CHUNK_BYTES = 16_384 * 3;
  private final int size;
  private long images;
  private long[] pixelSums;
  private final long[] channelSums = new long[3];
  private final long[] products = new long[9];
  private long pixels;

  public MeanAccumulator(int size) {
    this.size = size;
  }

  /** Adds an RGB image; for images larger than SIZE x SIZE (crop none) its central square counts. */
  public void add(byte[] rgb, int width, int height) {
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
    long r = 0, g = 0, b = 0, rr = 0, rg = 0, rb = 0, gg = 0, gb = 0, bb = 0;
    for (int chunk = 0; chunk < rgb.length; chunk += CHUNK_BYTES) {
      // int adds in the hot loop are much faster than long ones; a chunk's sums fit in 32 unsigned bits.
      int ir = 0, ig = 0, ib = 0, irr = 0, irg = 0, irb = 0, igg = 0, igb = 0, ibb = 0;
      for (int p = chunk, end = Math.min(rgb.length, chunk + CHUNK_BYTES); p < end; p += 3) {
        int pr = rgb[p] & 0xff;
        int pg = rgb[p + 1] & 0xff;
        int pb = rgb[p + 2] & 0xff;
        ir += pr;
        ig += pg;
        ib += pb;
        irr += pr * pr;
        irg += pr * pg;
        irb += pr * pb;
        igg += pg * pg;
        igb += pg * pb;
        ibb += pb * pb;
      }
      r += ir;
      g += ig;
      b += ib;
      rr += Integer.toUnsignedLong(irr);
      rg += Integer.toUnsignedLong(irg);
      rb += Integer.toUnsignedLong(irb);
      gg += Integer.toUnsignedLong(igg);
      gb += Integer.toUnsignedLong(igb);
      bb += Integer.toUnsignedLong(ibb);
    }
    channelSums[0] += r;
    channelSums[1] += g;
    channelSums[2] += b;
    products[0] += rr;
    products[1] += rg;
    products[2] += rb;
    products[4] += gg;
    products[5] += gb;
    products[8] += bb;
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
