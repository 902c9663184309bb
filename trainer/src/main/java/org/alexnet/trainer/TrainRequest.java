package org.alexnet.trainer;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.alexnet.options.Flag;
import org.alexnet.trainer.checkpoint.Checkpointing;

/**
 * One run of the trainer: the recipe, the data, where checkpoints go and how the run starts. The
 * command line, the workflow's activity and the tests all describe a training with this; its
 * defaults are in {@link Builder}.
 *
 * @param dataset a prepared dataset (null with {@code dummy})
 * @param checkpoints where checkpoints go; null to write none
 * @param resume a checkpoint to continue from, "auto" for the latest valid one in {@code checkpoints}, or null
 * @param startEpoch epoch to begin at, overriding the checkpoint's; -1 for the checkpoint's (or 0)
 * @param evaluateOnly only evaluate on the validation split (the PyTorch example's -e)
 * @param dummy random data instead of a dataset, to time the model
 * @param workers data loading threads (the batches do not depend on it)
 * @param printFreq steps between progress lines
 */
public record TrainRequest(String dataset, TrainSettings settings, Checkpointing checkpoints, String resume,
    int startEpoch, boolean evaluateOnly, boolean dummy, int workers, int printFreq) implements Serializable {
  /** {@code --resume auto}: continue from the newest checkpoint in the folder that reads back whole. */
  public static final String RESUME_NEWEST = "auto";

  public TrainRequest {
    if (dataset == null && !dummy) {
      throw new IllegalArgumentException("give a prepared dataset, or --dummy for random data");
    }
    checkLogging(workers, printFreq);
    if (startEpoch != -1) {
      Flag.within("--start-epoch", startEpoch, 0, settings.epochs() - 1);
    }
    if (RESUME_NEWEST.equals(resume) && checkpoints == null) {
      throw new IllegalArgumentException("--resume auto needs a checkpoint folder");
    }
  }

  /** -j and --print-freq, which a workflow's run takes before it makes its request. */
  public static void checkLogging(int workers, int printFreq) {
    Flag.atLeast("-j", workers, 1);
    Flag.atLeast("--print-freq", printFreq, 1);
  }

  public static Builder builder(TrainSettings settings) {
    return new Builder(settings);
  }

  /** The settings as a checkpoint records them. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dataset", String.valueOf(dataset));
    m.put("arch", settings.arch());
    m.put("widths", String.valueOf(settings.widths()));
    m.put("epochs", Integer.toString(settings.epochs()));
    m.put("batch_size", Integer.toString(settings.batchSize()));
    m.put("lr", Double.toString(settings.lr()));
    m.put("momentum", Double.toString(settings.momentum()));
    m.put("weight_decay", Double.toString(settings.weightDecay()));
    m.put("seed", Long.toString(settings.seed()));
    m.put("crop_size", Integer.toString(settings.cropSize()));
    m.put("pca_noise", Double.toString(settings.pcaNoise()));
    m.put("lr_schedule", settings.lrSchedule().name().toLowerCase(Locale.ROOT));
    m.put("pretrained", String.valueOf(settings.pretrained()));
    m.put("num_classes", Integer.toString(settings.numClasses()));
    m.put("freeze_features", Boolean.toString(settings.freezeFeatures()));
    m.put("dummy", Boolean.toString(dummy));
    return m;
  }

  /** The PyTorch example's run defaults: 4 loader threads, a line every 10 steps, no checkpoints. */
  public static final class Builder {
    private final TrainSettings settings;
    private String dataset;
    private Checkpointing checkpoints;
    private String resume;
    private int startEpoch = -1;
    private boolean evaluateOnly;
    private boolean dummy;
    private int workers = 4;
    private int printFreq = 10;

    private Builder(TrainSettings settings) {
      this.settings = settings;
    }

    public Builder dataset(String value) {
      dataset = value;
      return this;
    }

    public Builder checkpoints(Checkpointing value) {
      checkpoints = value;
      return this;
    }

    public Builder resume(String value) {
      resume = value;
      return this;
    }

    public Builder startEpoch(int value) {
      startEpoch = value;
      return this;
    }

    public Builder evaluateOnly(boolean value) {
      evaluateOnly = value;
      return this;
    }

    public Builder dummy(boolean value) {
      dummy = value;
      return this;
    }

    public Builder workers(int value) {
      workers = value;
      return this;
    }

    public Builder printFreq(int value) {
      printFreq = value;
      return this;
    }

    public TrainRequest build() {
      return new TrainRequest(dataset, settings, checkpoints, resume, startEpoch, evaluateOnly, dummy, workers, printFreq);
    }
  }
}
