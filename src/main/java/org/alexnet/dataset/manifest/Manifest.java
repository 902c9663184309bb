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
    List<ClassLabel> synsets,
    String labelConvention) {

  public static final int SCHEMA_VERSION = 1;
  public static final String FILE_NAME = "manifest.json";
  public static final String SORTED_WNID_LABELS =
      "0-based index of the WNID in sorted order (PyTorch/torchvision/Caffe); TensorFlow's tooling uses 1..1000";

  public Manifest {
    settings = Map.copyOf(settings);
    splits = Map.copyOf(splits);
    inputs = Map.copyOf(inputs);
    quarantine = List.copyOf(quarantine);
    synsets = List.copyOf(synsets);
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

  /** A class: its label, WNID, words and devkit ILSVRC2012_ID. */
  public record ClassLabel(int label, String wnid, String words, int ilsvrc2012Id) {}
}
