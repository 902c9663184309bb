package org.alexnet.trainer;

import org.alexnet.dataset.Dataset;

/** Whether a model's square inputs can be cropped from a dataset's images, stored at prepare's --size (shorter side). */
public final class CropFit {
  private CropFit() {}

  /**
   * Refuses crops larger than the images, in one sentence naming both sizes and what to do.
   *
   * @param who what takes the crops, e.g. "-a alexnet" or a checkpoint
   * @param images whose images, e.g. a dataset's location
   * @param size the images' side; 0 when unknown (nothing is refused)
   * @param fittingCrop a --crop-size that fits to suggest, or 0 when the input size cannot change
   */
  public static void require(String who, int crop, String images, int size, int fittingCrop) {
    if (size == 0 || size >= crop) {
      return;
    }
    throw new IllegalArgumentException(String.format("%s takes %dx%d inputs; the images of %s are %d pixels: %sprepare "
        + "it with --size %d or more", who, crop, crop, images, size,
        fittingCrop > 0 ? "pass --crop-size " + fittingCrop + ", or " : "", crop));
  }

  /** The side prepare stored a dataset's images at, or 0 where its manifest does not say. */
  public static int storedSize(Dataset dataset) {
    String size = dataset.manifest().settings().get("size");
    return size == null ? 0 : Integer.parseInt(size);
  }
}
