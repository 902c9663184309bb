package org.alexnet.sample;

import java.awt.Dimension;
import java.util.SplittableRandom;

/** Picks image sizes with roughly ILSVRC2012's mix: mostly 500 on the long side, landscape first. */
public final class ImageSizes {
  private static final int[][] SIZES = {
      {500, 375, 40}, {375, 500, 12}, {500, 333, 14}, {333, 500, 8}, {500, 500, 7},
      {500, 400, 6}, {640, 480, 5}, {800, 600, 3}, {1024, 768, 2}, {250, 188, 3}};
  private static final int TOTAL_WEIGHT = 100;

  private ImageSizes() {}

  public static Dimension pick(SplittableRandom random) {
    int r = random.nextInt(TOTAL_WEIGHT);
    for (int[] size : SIZES) {
      r -= size[2];
      if (r < 0) {
        return new Dimension(size[0], size[1]);
      }
    }
    return new Dimension(SIZES[0][0], SIZES[0][1]);
  }
}
