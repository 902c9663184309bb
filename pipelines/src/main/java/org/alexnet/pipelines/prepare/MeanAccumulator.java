package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.pipelines.prepare.image.ChannelMoments;

/**
 * Exact training-set statistics in 64-bit integers: the per-pixel sum (for the mean image), and per
 * channel the sums, squares and cross products (for mean, std and the RGB covariance that PCA colour
 * noise needs). Integer sums make the result independent of the order images are added in.
 */
public final class MeanAccumulator implements Serializable {
  /**
   * Pixel sums are first gathered eight bytes at a time, in the four 16-bit lanes of two longs (the
   * even and the odd bytes of each 8-byte word), then moved into the 64-bit sums before a lane can
   * overflow: 10 us an image here instead of 60 for a loop over single bytes, which the JIT does not
   * vectorise. A lane takes LANE_IMAGES x 255 = 65,280 < 2^16.
   */
  private static final int LANE_IMAGES = 256;
  private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int size;
  private long images;
  private long[] pixelSums;
  private transient long[] evenLanes;
  private transient long[] oddLanes;
  private transient int imagesInLanes;
  /** The central square of an image larger than SIZE x SIZE, made contiguous. */
  private transient byte[] square;
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
    addPixels(width == size && height == size ? rgb : centralSquare(rgb, width, height));
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

  private void addPixels(byte[] pixels) {
    int words = pixels.length / 8;
    if (pixelSums == null) {
      pixelSums = new long[pixels.length];
    }
    if (evenLanes == null) {
      evenLanes = new long[words];
      oddLanes = new long[words];
    }
    for (int w = 0; w < words; w++) {
      long word = (long) WORDS.get(pixels, w * 8);
      evenLanes[w] += word & EVEN_BYTES;
      oddLanes[w] += (word >>> 8) & EVEN_BYTES;
    }
    for (int i = words * 8; i < pixels.length; i++) {
      pixelSums[i] += pixels[i] & 0xff;
    }
    if (++imagesInLanes == LANE_IMAGES) {
      flushLanes();
    }
  }

  private void flushLanes() {
    if (imagesInLanes == 0) {
      return;
    }
    for (int w = 0; w < evenLanes.length; w++) {
      for (int lane = 0; lane < 4; lane++) {
        pixelSums[8 * w + 2 * lane] += (evenLanes[w] >>> (16 * lane)) & 0xffff;
        pixelSums[8 * w + 2 * lane + 1] += (oddLanes[w] >>> (16 * lane)) & 0xffff;
      }
    }
    Arrays.fill(evenLanes, 0);
    Arrays.fill(oddLanes, 0);
    imagesInLanes = 0;
  }

  private byte[] centralSquare(byte[] rgb, int width, int height) {
    if (square == null) {
      square = new byte[size * size * 3];
    }
    int x0 = (width - size) / 2;
    int y0 = (height - size) / 2;
    for (int y = 0; y < size; y++) {
      System.arraycopy(rgb, ((y0 + y) * width + x0) * 3, square, y * size * 3, size * 3);
    }
    return square;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    flushLanes();
    out.defaultWriteObject();
  }

  public MeanAccumulator merge(MeanAccumulator other) {
    flushLanes();
    other.flushLanes();
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
    flushLanes();
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
