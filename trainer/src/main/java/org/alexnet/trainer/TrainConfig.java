package org.alexnet.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.alexnet.trainer.loop.LrPolicy;
import org.alexnet.trainer.model.Arch;

/**
 * Every setting of a training run, with the PyTorch ImageNet example's defaults. Stored in each
 * checkpoint, so a run can say how it was made.
 *
 * @param dataset a prepared dataset (null with {@code dummy})
 * @param arch "alexnet" or "alexnet-paper" (see {@link Arch})
 * @param cropSize the model's input side; 0 for the architecture's (224, or 227 for alexnet-paper)
 * @param epochs total epochs; {@code startEpoch} overrides where to begin (-1: from the checkpoint or 0)
 * @param checkpointEvery also checkpoint every N optimizer steps (0: only at epoch ends)
 * @param checkpointMinutes also checkpoint when this many minutes passed since the last one (0: never)
 * @param pcaNoise sigma of the paper's PCA colour augmentation (0: off; the paper used 0.1)
 * @param stopAfterSteps stop (as if killed) after this many steps in this run; 0 for never. For tests.
 */
public record TrainConfig(
    String dataset,
    String arch,
    int epochs,
    int startEpoch,
    int batchSize,
    double lr,
    double momentum,
    double weightDecay,
    int workers,
    long seed,
    int printFreq,
    int cropSize,
    double pcaNoise,
    LrPolicy.Kind lrSchedule,
    String checkpointDir,
    String resume,
    boolean evaluate,
    String pretrained,
    boolean dummy,
    int checkpointEvery,
    double checkpointMinutes,
    int keepLast,
    long stopAfterSteps) {

  public TrainConfig {
    Arch architecture = Arch.of(arch);
    if (dataset == null && !dummy) {
      throw new IllegalArgumentException("give a prepared dataset, or --dummy for random data");
    }
    if (cropSize == 0) {
      cropSize = architecture.defaultCrop();
    }
    if (pretrained != null && architecture != Arch.ALEXNET) {
      throw new IllegalArgumentException("-p loads torchvision's AlexNet weights, which fit -a alexnet only");
    }
    if (checkpointEvery < 0 || checkpointMinutes < 0) {
      throw new IllegalArgumentException("checkpoint intervals cannot be negative");
    }
    if (batchSize < 1 || epochs < 1 || workers < 1) {
      throw new IllegalArgumentException("batch size, epochs and workers must be positive");
    }
  }

  public Arch architecture() {
    return Arch.of(arch);
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dataset", String.valueOf(dataset));
    m.put("arch", arch);
    m.put("epochs", Integer.toString(epochs));
    m.put("batch_size", Integer.toString(batchSize));
    m.put("lr", Double.toString(lr));
    m.put("momentum", Double.toString(momentum));
    m.put("weight_decay", Double.toString(weightDecay));
    m.put("seed", Long.toString(seed));
    m.put("crop_size", Integer.toString(cropSize));
    m.put("pca_noise", Double.toString(pcaNoise));
    m.put("lr_schedule", lrSchedule.name().toLowerCase(java.util.Locale.ROOT));
    m.put("pretrained", String.valueOf(pretrained));
    m.put("dummy", Boolean.toString(dummy));
    return m;
  }
}
