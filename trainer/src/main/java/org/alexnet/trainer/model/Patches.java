package org.alexnet.trainer.model;

import java.util.Arrays;

/**
 * The patches a square convolution window (no dilation) reads from one image, laid out as one row
 * per output position: {@code [outHeight * outWidth, channels * kernel * kernel]}, each row in the
 * weights' (channel, y, x) order. This is im2col transposed; with it a convolution's weight gradient
 * is a plain product {@code delta[out, positions] x rows[positions, patch]}, which oneDNN's matrix
 * product runs at twice the speed of the transposed one.
 */
record Patches(int channels, int height, int width, int kernel, int stride, int padding) {
  Patches {
    // The fields are assigned after this body: check the parameters.
    if (kernel < 1 || stride < 1 || padding < 0 || height + 2 * padding < kernel || width + 2 * padding < kernel) {
      throw new IllegalArgumentException(String.format("a %dx%d window, stride %d, padding %d, does not fit %dx%d",
          kernel, kernel, stride, padding, height, width));
    }
  }

  int outHeight() {
    return (height + 2 * padding - kernel) / stride + 1;
  }

  int outWidth() {
    return (width + 2 * padding - kernel) / stride + 1;
  }

  int positions() {
    return outHeight() * outWidth();
  }

  /** Length of one row: the window's values over all channels. */
  int patchSize() {
    return channels * kernel * kernel;
  }

  int imageSize() {
    return channels * height * width;
  }

  /**
   * Writes the rows of {@code image} ([channels, height, width], row-major) into {@code rows}, zero
   * where the window hangs over the padding. Every element of the {@code positions() * patchSize()}
   * prefix of {@code rows} is written.
   */
  void rows(float[] image, float[] rows) {
    int outWidth = outWidth();
    int patch = patchSize();
    for (int outY = 0; outY < outHeight(); outY++) {
      for (int outX = 0; outX < outWidth; outX++) {
        int row = (outY * outWidth + outX) * patch;
        int left = outX * stride - padding;
        int from = Math.max(0, -left);
        int to = Math.min(kernel, width - left);
        for (int c = 0; c < channels; c++) {
          for (int dy = 0; dy < kernel; dy++) {
            int y = outY * stride - padding + dy;
            int at = row + (c * kernel + dy) * kernel;
            if (y < 0 || y >= height || from >= to) {
              Arrays.fill(rows, at, at + kernel, 0f);
              continue;
            }
            Arrays.fill(rows, at, at + from, 0f);
            System.arraycopy(image, (c * height + y) * width + left + from, rows, at + from, to - from);
            Arrays.fill(rows, at + to, at + kernel, 0f);
          }
        }
      }
    }
  }
}
