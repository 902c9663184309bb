package org.alexnet.trainer;

import java.io.Serializable;
import org.alexnet.options.Flag;
import org.alexnet.trainer.loop.LrPolicy;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;

/**
 * The recipe of a training run: with the dataset, what decides the weights it ends with. Defaults
 * are the PyTorch ImageNet example's ({@code main.py -a alexnet --lr 0.01}), defined in {@link Builder}.
 *
 * @param arch "alexnet" or "alexnet-paper" (see {@link Arch})
 * @param widths conv widths and hidden size, e.g. "16,32,48,32,32/64"; null for the architecture's
 * @param cropSize the model's input side; 0 when built for the architecture's (224, or 227 for alexnet-paper)
 * @param pcaNoise sigma of the paper's PCA colour augmentation (0: off; the paper used 0.1)
 * @param pretrained torchvision AlexNet weights to start from (a .pth file), or null
 * @param numClasses outputs of the classifier (2 or more); 0 for the dataset's class count (torchvision's reference
 *     does this), 1000 for the PyTorch example's on any data
 * @param freezeFeatures train the classifier only (the convolutions keep the weights they start with)
 */
public record TrainSettings(String arch, String widths, int cropSize, int epochs, int batchSize, double lr,
    double momentum, double weightDecay, LrPolicy.Kind lrSchedule, double pcaNoise, long seed, String pretrained,
    int numClasses, boolean freezeFeatures) implements Serializable {

  public static final TrainSettings DEFAULTS = builder().build();

  public TrainSettings {
    Arch architecture = Arch.of(arch);
    if (cropSize == 0) {
      cropSize = architecture.defaultCrop();
    }
    architecture.requireInput(cropSize);
    if (widths != null) {
      AlexNetShape.parse(widths, 2); // the class count comes with the dataset; the widths are checked now
    }
    if (pretrained != null && architecture != Arch.ALEXNET) {
      throw new IllegalArgumentException("-p loads torchvision's AlexNet weights, which fit -a alexnet only");
    }
    Flag.atLeast("--epochs", epochs, 1);
    Flag.atLeast("-b", batchSize, 1);
    // as torch.optim.SGD, which refuses these at once rather than train until the loss is NaN
    Flag.notNegative("--lr", lr);
    Flag.notNegative("--momentum", momentum);
    Flag.notNegative("--wd", weightDecay);
    Flag.notNegative("--pca-noise", pcaNoise);
    if (lrSchedule == null) {
      throw new IllegalArgumentException("--lr-schedule must be step or plateau");
    }
    if (numClasses != 0 && numClasses < 2) {
      throw new IllegalArgumentException("--num-classes " + numClasses + " is too small: give --num-classes 2 or more, "
          + "or leave it out for the dataset's classes");
    }
  }

  /**
   * Refuses, before any work, images smaller than this recipe's crops, naming both sizes and what to
   * do: a crop that fits (at the paper's 224-of-256 ratio) where the architecture takes one, or a larger --size.
   *
   * @param images whose images, e.g. a dataset's location
   * @param size the side prepare stored them at (its --size)
   */
  public void requireCropFits(String images, int size) {
    String who = cropSize == architecture().defaultCrop() ? "-a " + arch : "--crop-size " + cropSize;
    CropFit.require(who, cropSize, images, size, architecture().cropFor(size));
  }

  public Arch architecture() {
    return Arch.of(arch);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return builder().arch(arch).widths(widths).cropSize(cropSize).epochs(epochs).batchSize(batchSize).lr(lr)
        .momentum(momentum).weightDecay(weightDecay).lrSchedule(lrSchedule).pcaNoise(pcaNoise).seed(seed)
        .pretrained(pretrained).numClasses(numClasses).freezeFeatures(freezeFeatures);
  }

  /** The PyTorch example's defaults, each set once here. */
  public static final class Builder {
    private String arch = Arch.ALEXNET.id();
    private String widths;
    private int cropSize;
    private int epochs = 90;
    private int batchSize = 256;
    private double lr = 0.01;
    private double momentum = 0.9;
    private double weightDecay = 1e-4;
    private LrPolicy.Kind lrSchedule = LrPolicy.Kind.STEP;
    private double pcaNoise;
    private long seed;
    private String pretrained;
    private int numClasses;
    private boolean freezeFeatures;

    private Builder() {}

    public Builder arch(String value) {
      arch = value;
      return this;
    }

    public Builder widths(String value) {
      widths = value;
      return this;
    }

    public Builder cropSize(int value) {
      cropSize = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder lr(double value) {
      lr = value;
      return this;
    }

    public Builder momentum(double value) {
      momentum = value;
      return this;
    }

    public Builder weightDecay(double value) {
      weightDecay = value;
      return this;
    }

    public Builder lrSchedule(LrPolicy.Kind value) {
      lrSchedule = value;
      return this;
    }

    public Builder pcaNoise(double value) {
      pcaNoise = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder pretrained(String value) {
      pretrained = value;
      return this;
    }

    public Builder numClasses(int value) {
      numClasses = value;
      return this;
    }

    public Builder freezeFeatures(boolean value) {
      freezeFeatures = value;
      return this;
    }

    public TrainSettings build() {
      return new TrainSettings(arch, widths, cropSize, epochs, batchSize, lr, momentum, weightDecay, lrSchedule, pcaNoise,
          seed, pretrained, numClasses, freezeFeatures);
    }
  }
}
