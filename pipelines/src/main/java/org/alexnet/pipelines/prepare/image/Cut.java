package org.alexnet.pipelines.prepare.image;

/**
 * Which part of a decoded image is kept and the size it is scaled to: the central square for
 * {@link StoredCrop#CENTER} (cropping first equals resizing first, at less cost), all of it for
 * {@link StoredCrop#NONE}.
 */
record Cut(int x, int y, int width, int height, int outWidth, int outHeight) {

  /** @param align the crop's origin is a multiple of this (a subsampled chroma plane starts on a whole sample) */
  static Cut of(int width, int height, StoredCrop crop, int size, int align) {
    if (crop == StoredCrop.CENTER) {
      int side = Math.min(width, height);
      int x = (width - side) / 2 / align * align;
      int y = (height - side) / 2 / align * align;
      return new Cut(x, y, side, side, size, size);
    }
    double scale = (double) size / Math.min(width, height);
    return new Cut(0, 0, width, height, Math.max(1, (int) Math.round(width * scale)),
        Math.max(1, (int) Math.round(height * scale)));
  }
}
