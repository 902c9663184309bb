package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.options.Flag;
import org.alexnet.pipelines.prepare.image.StoredCrop;
import org.alexnet.pipelines.prepare.image.ImagePreparer;

/**
 * Everything that decides a dataset's bytes besides its inputs; part of the dataset id.
 *
 * @param trainShards train shards; 0 for {@link #DEFAULT_TRAIN_SHARDS}, fewer for small inputs
 * @param valShards validation shards; 0 for {@link #DEFAULT_VAL_SHARDS}, fewer for small inputs
 * @param seed seed of the shuffled order of images in shards
 * @param maxPixels images whose header claims more pixels are quarantined before decoding
 * @param maxFileBytes larger files are quarantined without being read
 */
public record PrepareSettings(int size, StoredCrop crop, PixelFormat encoding, int quality, int trainShards,
    int valShards, long seed, long maxPixels, long maxFileBytes) implements Serializable {

  /** TensorFlow's shard counts for ILSVRC2012. */
  public static final int DEFAULT_TRAIN_SHARDS = 1024;
  public static final int DEFAULT_VAL_SHARDS = 128;
  /** The paper's 256x256 centre crops, raw pixels, shard counts that follow the input. */
  public static final PrepareSettings DEFAULTS =
      new PrepareSettings(256, StoredCrop.CENTER, PixelFormat.RAW, 90, 0, 0, 0, 100_000_000L, 64L << 20);

  public PrepareSettings {
    Flag.within("--size", size, 32, 4096);
    Flag.within("--quality", quality, 1, 100);
    Flag.notNegative("--train-shards", trainShards); // 0: as many as the images call for
    Flag.notNegative("--val-shards", valShards);
    Flag.atLeast("--max-pixels", maxPixels, 1);
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("the file size limit must be positive");
    }
  }


  /** Shards for a split: as asked, or, when not given (0), the default scaled down so shards hold >= 100 images. */
  public int shards(String split, long images) {
    int asked = split.equals("train") ? trainShards : valShards;
    if (asked > 0) {
      return (int) Math.max(1, Math.min(asked, images));
    }
    int fallback = split.equals("train") ? DEFAULT_TRAIN_SHARDS : DEFAULT_VAL_SHARDS;
    return (int) Math.max(1, Math.min(fallback, images / 100));
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("size", Integer.toString(size));
    m.put("crop", crop.name().toLowerCase(Locale.ROOT));
    m.put("encoding", encoding.name().toLowerCase(Locale.ROOT));
    if (encoding == PixelFormat.JPEG) {
      m.put("quality", Integer.toString(quality));
    }
    m.put("train_shards", trainShards == 0 ? "auto" : Integer.toString(trainShards));
    m.put("val_shards", valShards == 0 ? "auto" : Integer.toString(valShards));
    m.put("seed", Long.toString(seed));
    m.put("max_pixels", Long.toString(maxPixels));
    m.put("max_file_bytes", Long.toString(maxFileBytes));
    m.put("exif_orientation", "ignored");
    m.put("decoders", ImagePreparer.ROUTE);
    return m;
  }
}
