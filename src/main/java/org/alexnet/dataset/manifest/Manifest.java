package org.alexnet.dataset.manifest;

import java.util.List;
import java.util.Map;

/**
 * The dataset's table of contents and commit marker: written last, so a dataset without one is
 * unfinished. Serialized by {@link ManifestJson} with snake_case keys.
 *
 * @param id a hash of the inputs and the settings: the same inputs and settings give the same id
 * @param settings how the dataset was made (image size, crop, encoding...), as flat strings
 * @param splits per split ("train", "validation"): image count and shards
 * @param inputs per input ("train", "validation", "devkit"): what was read
 * @param quarantine every input image that was not written, with the reason
 * @param classes the dataset's classes, label 0..K-1 in sorted name order
 * @param excluded per split, what a class selection ({@code --classes}) left out: not inputs of this dataset
 * @param labelConvention how {@code image/class/label} maps to classes
 */
public record Manifest(
    int schemaVersion,
    String id,
    String createdAt,
    Map<String, String> settings,
    Map<String, Split> splits,
    Map<String, Input> inputs,
    List<Quarantined> quarantine,
    MeanStats mean,
    List<ClassLabel> classes,
    Map<String, Excluded> excluded,
    String labelConvention) {

  /** 2: any class set ({@code classes}, with names and optional devkit IDs), and {@code excluded}. */
  public static final int SCHEMA_VERSION = 2;
  public static final String FILE_NAME = "manifest.json";
  public static final String SORTED_NAME_LABELS = "0-based index of the class name in sorted order (torchvision's "
      + "ImageFolder; for the 1000 ILSVRC2012 classes, sorted-WNID order as PyTorch/torchvision/Caffe); TensorFlow's "
      + "tooling uses 1..1000";

  public Manifest {
    settings = Map.copyOf(settings);
    splits = Map.copyOf(splits);
    inputs = Map.copyOf(inputs);
    quarantine = List.copyOf(quarantine);
    classes = List.copyOf(classes);
    excluded = excluded == null ? Map.of() : Map.copyOf(excluded);
  }

  /** The class names in label order: what a model trained on this dataset predicts. */
  public List<String> classNames() {
    return classes.stream().map(ClassLabel::name).toList();
  }

  /** One split's content. */
  public record Split(long images, List<Shard> shards) {
    public Split {
      shards = List.copyOf(shards);
    }

    public long bytes() {
      return shards.stream().mapToLong(Shard::bytes).sum();
    }
  }

  /** One shard file, relative to the dataset root. */
  public record Shard(String path, long records, long bytes, String sha256) implements java.io.Serializable {}

  /** One input archive or folder and how many image files it held. */
  public record Input(String uri, long files) {}

  /** An input image that is not in the dataset, and why. */
  public record Quarantined(String file, String split, QuarantineReason reason, String detail)
      implements java.io.Serializable {}

  /**
   * The training-set mean: the per-pixel image in {@code file} (.npy, float32, HxWx3), plus per-channel
   * statistics in 0..255 units and the RGB covariance that PCA colour noise needs.
   */
  public record MeanStats(String file, long images, double[] channelMean, double[] channelStd, double[][] rgbCovariance) {}

  /**
   * A class: its label, name (a WNID for ImageNet's classes, a folder name for others), words, and
   * its devkit ILSVRC2012_ID when a devkit (or the bundled ILSVRC2012 table) defines one, else null.
   */
  public record ClassLabel(int label, String name, String words, Integer devkitId) implements java.io.Serializable {}

  /**
   * What a class selection left out of a split.
   *
   * @param classes the names of the classes not selected that the inputs hold
   * @param files their files that were seen and skipped (a train tar's other class tars are not read: 0)
   */
  public record Excluded(List<String> classes, long files) implements java.io.Serializable {
    public Excluded {
      classes = List.copyOf(classes);
    }
  }
}
