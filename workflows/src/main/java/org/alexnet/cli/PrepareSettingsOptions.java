package org.alexnet.cli;

import java.util.Locale;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.pipelines.prepare.image.StoredCrop;
import picocli.CommandLine.Option;

/**
 * The flags that decide a dataset's bytes, defaults from {@link PrepareSettings#DEFAULTS}. The shard
 * order's seed is left to each command: {@code prepare --seed}, {@code run --shard-seed}.
 */
final class PrepareSettingsOptions {
  private static final PrepareSettings DEFAULTS = PrepareSettings.DEFAULTS;

  @Option(names = "--size", description = "Shorter side in pixels (default: ${DEFAULT-VALUE}).")
  int size = DEFAULTS.size();

  @Option(names = "--crop", description = "center or none (default: ${DEFAULT-VALUE}).")
  String crop = DEFAULTS.crop().name().toLowerCase(Locale.ROOT);

  @Option(names = "--encoding", description = "raw or jpeg (default: ${DEFAULT-VALUE}).")
  String encoding = DEFAULTS.encoding().name().toLowerCase(Locale.ROOT);

  @Option(names = "--quality", description = "JPEG quality for --encoding jpeg (default: ${DEFAULT-VALUE}).")
  int quality = DEFAULTS.quality();

  @Option(names = "--train-shards", paramLabel = "N",
      description = "Train shards (default: 1024, fewer so that small inputs get >= 100 images a shard).")
  int trainShards = DEFAULTS.trainShards();

  @Option(names = "--val-shards", paramLabel = "N", description = "Validation shards (default: 128, scaled down likewise).")
  int valShards = DEFAULTS.valShards();

  @Option(names = "--max-pixels", description = "Refuse images whose header claims more pixels (default: ${DEFAULT-VALUE}).")
  long maxPixels = DEFAULTS.maxPixels();

  PrepareSettings settings(long seed) {
    return new PrepareSettings(size, crop(), encoding(), quality, trainShards, valShards, seed, maxPixels,
        DEFAULTS.maxFileBytes());
  }

  private PixelFormat encoding() {
    return switch (encoding.toLowerCase(Locale.ROOT)) {
      case "raw" -> PixelFormat.RAW;
      case "jpeg" -> PixelFormat.JPEG;
      default -> throw new IllegalArgumentException("--encoding must be raw or jpeg, not " + encoding);
    };
  }

  private StoredCrop crop() {
    return switch (crop.toLowerCase(Locale.ROOT)) {
      case "center", "centre" -> StoredCrop.CENTER;
      case "none" -> StoredCrop.NONE;
      default -> throw new IllegalArgumentException("--crop must be center or none, not " + crop);
    };
  }
}
