package org.alexnet.trainer.data;

import java.util.SplittableRandom;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.record.PixelFormat;

/**
 * Cuts the network's inputs out of a stored RAW record: a random CROP x CROP window and a coin-flip
 * horizontal mirror for training (the paper's augmentation), the centre window or the ten views for
 * evaluation. Output is channel-major (CHW), normalized.
 */
public final class InputCrops {
  private static final float[] NO_SHIFT = new float[3];

  private InputCrops() {}

  /** @param colour PCA colour noise, or null for none */
  public static void random(ImageRecord r, int crop, InputNormalization norm, PcaColourNoise colour,
      SplittableRandom random, float[] out, int offset) {
    check(r, crop);
    int y0 = random.nextInt(r.height() - crop + 1);
    int x0 = random.nextInt(r.width() - crop + 1);
    boolean mirror = random.nextBoolean();
    cut(r, crop, y0, x0, mirror, norm, colour == null ? NO_SHIFT : colour.shift(random), out, offset);
  }

  public static void centre(ImageRecord r, int crop, InputNormalization norm, float[] out, int offset) {
    check(r, crop);
    cut(r, crop, (r.height() - crop) / 2, (r.width() - crop) / 2, false, norm, NO_SHIFT, out, offset);
  }

  /** The views of the paper's ten-crop test, in {@link #tenCropOrigins} order, then the same mirrored. */
  public static final int TEN = 10;

  /**
   * The paper's test-time views: the four corner crops and the centre crop, then the same five
   * mirrored; {@code out} receives ten consecutive inputs from {@code offset}.
   */
  public static void ten(ImageRecord r, int crop, InputNormalization norm, float[] out, int offset) {
    check(r, crop);
    int[][] origins = tenCropOrigins(r.height(), r.width(), crop);
    int size = 3 * crop * crop;
    for (int i = 0; i < TEN; i++) {
      int[] o = origins[i % 5];
      cut(r, crop, o[0], o[1], i >= 5, norm, NO_SHIFT, out, offset + i * size);
    }
  }

  /** (y, x) of the top-left, top-right, bottom-left, bottom-right and centre crops. */
  static int[][] tenCropOrigins(int height, int width, int crop) {
    int bottom = height - crop;
    int right = width - crop;
    return new int[][] {{0, 0}, {0, right}, {bottom, 0}, {bottom, right}, {bottom / 2, right / 2}};
  }

  /**
   * Channel-major output, written one pixel at a time into the three planes (one pass over the
   * record and the mean image instead of three: a quarter faster): the pixel minus the mean (the mean
   * image's value at the same stored position, or the channel mean), times 1/std, plus the shift.
   */
  private static void cut(ImageRecord r, int crop, int y0, int x0, boolean mirror, InputNormalization norm,
      float[] shift, float[] out, int offset) {
    byte[] p = r.encoded();
    int width = r.width();
    float[] meanImage = norm.kind() == InputNormalization.Kind.MEAN_IMAGE ? norm.meanImage().data() : null;
    int meanWidth = meanImage == null ? 0 : norm.meanImage().shape()[1];
    int step = mirror ? -3 : 3;
    int firstX = x0 + (mirror ? crop - 1 : 0);
    int plane = crop * crop;
    float[] scale = new float[3];
    float[] add = new float[3];
    float[] channelMean = new float[3];
    for (int c = 0; c < 3; c++) {
      scale[c] = norm.channelStd() == null ? 1 : 1 / norm.channelStd()[c];
      add[c] = norm.scale(shift[c], c);
      channelMean[c] = meanImage == null ? norm.channelMean(c) : 0;
    }
    for (int y = 0; y < crop; y++) {
      int source = ((y0 + y) * width + firstX) * 3;
      int target = offset + y * crop;
      if (meanImage == null) {
        for (int x = 0; x < crop; x++, source += step, target++) {
          out[target] = ((p[source] & 0xff) - channelMean[0]) * scale[0] + add[0];
          out[target + plane] = ((p[source + 1] & 0xff) - channelMean[1]) * scale[1] + add[1];
          out[target + 2 * plane] = ((p[source + 2] & 0xff) - channelMean[2]) * scale[2] + add[2];
        }
      } else {
        int mean = ((y0 + y) * meanWidth + firstX) * 3;
        for (int x = 0; x < crop; x++, source += step, mean += step, target++) {
          out[target] = ((p[source] & 0xff) - meanImage[mean]) * scale[0] + add[0];
          out[target + plane] = ((p[source + 1] & 0xff) - meanImage[mean + 1]) * scale[1] + add[1];
          out[target + 2 * plane] = ((p[source + 2] & 0xff) - meanImage[mean + 2]) * scale[2] + add[2];
        }
      }
    }
  }

  private static void check(ImageRecord r, int crop) {
    if (r.format() != PixelFormat.RAW) {
      throw new IllegalArgumentException(r.filename() + ": the loader reads RAW records; prepare with --encoding raw");
    }
    if (r.height() < crop || r.width() < crop) {
      throw new IllegalArgumentException(String.format("%s is %dx%d, smaller than the %d crop", r.filename(),
          r.width(), r.height(), crop));
    }
  }
}
