package org.alexnet.trainer.data;

import java.io.IOException;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.npy.NpyArray;

/**
 * How stored 8-bit pixels become network inputs. {@code MEAN_IMAGE}: subtract the dataset's
 * per-pixel training mean, taken at the same position as the pixel (the mean is cropped with the
 * image, as Caffe did), then optionally divide by the per-channel std (torchvision's initialisation
 * expects unit-scale inputs; the paper's N(0, 0.01) init takes raw mean-subtracted pixels).
 * {@code TORCHVISION}: what pretrained torchvision weights expect: [0, 1] scaling, then ImageNet's
 * channel mean and std.
 */
public record InputNormalization(Kind kind, NpyArray meanImage, float[] channelStd) {
  public enum Kind { MEAN_IMAGE, TORCHVISION }

  private static final float[] TORCHVISION_MEAN = {0.485f * 255, 0.456f * 255, 0.406f * 255};
  private static final float[] TORCHVISION_STD = {0.229f * 255, 0.224f * 255, 0.225f * 255};

  public static InputNormalization meanImage(NpyArray mean, float[] channelStd) {
    if (mean.shape().length != 3 || mean.shape()[2] != 3) {
      throw new IllegalArgumentException("the mean image must be H x W x 3, not " + java.util.Arrays.toString(mean.shape()));
    }
    return new InputNormalization(Kind.MEAN_IMAGE, mean, channelStd);
  }

  /** The names checkpoints record. */
  public static final String TORCHVISION_NAME = "torchvision";
  public static final String MEAN_IMAGE_NAME = "mean-image";
  public static final String MEAN_IMAGE_STD_NAME = "mean-image/std";

  /** The normalization a checkpoint names, with the statistics of {@code dataset} where it needs them. */
  public static InputNormalization named(String name, Dataset dataset) throws IOException {
    return switch (name) {
      case TORCHVISION_NAME -> torchvision();
      case MEAN_IMAGE_NAME -> meanImage(dataset.meanImage(), null);
      case MEAN_IMAGE_STD_NAME -> {
        double[] std = dataset.manifest().mean().channelStd();
        yield meanImage(dataset.meanImage(), new float[] {(float) std[0], (float) std[1], (float) std[2]});
      }
      default -> throw new IllegalArgumentException("unknown input normalization '" + name + "'");
    };
  }

  public static InputNormalization torchvision() {
    return new InputNormalization(Kind.TORCHVISION, null, TORCHVISION_STD);
  }

  /** A shift in pixel units (colour noise) in input units. */
  public float scale(float pixelShift, int channel) {
    return channelStd == null ? pixelShift : pixelShift / channelStd[channel];
  }

  /** The per-channel mean subtracted by {@code TORCHVISION}, in pixel units. */
  public float channelMean(int channel) {
    return TORCHVISION_MEAN[channel];
  }
}
