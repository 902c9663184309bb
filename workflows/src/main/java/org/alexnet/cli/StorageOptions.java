package org.alexnet.cli;

import java.net.URI;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageConfig;
import picocli.CommandLine.Option;

/**
 * S3 flags shared by every command that reads or writes storage. Unset flags fall back to the
 * environment (see {@link StorageConfig#fromEnvironment}); keys are taken only from the environment
 * or the AWS credential chain, never from flags, so they stay out of shell history and process lists.
 */
final class StorageOptions {
  @Option(names = "--s3-endpoint", paramLabel = "URL",
      description = "S3-compatible endpoint, e.g. http://127.0.0.1:9000 (env ALEXNET_S3_ENDPOINT, AWS_ENDPOINT_URL_S3).")
  URI endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "AWS region (env AWS_REGION; default us-east-1).")
  String region;

  @Option(names = "--s3-path-style", negatable = true, fallbackValue = "true",
      description = "Address buckets as ENDPOINT/bucket (default: on when an endpoint is set; env ALEXNET_S3_PATH_STYLE).")
  Boolean pathStyle;

  StorageConfig config() {
    StorageConfig env = StorageConfig.defaults();
    URI chosenEndpoint = endpoint != null ? endpoint : env.endpoint();
    boolean chosenPathStyle = pathStyle != null ? pathStyle : (endpoint != null || env.pathStyle());
    return new StorageConfig(chosenEndpoint, region != null ? region : env.region(), chosenPathStyle, null, null);
  }

  /** Registers local and S3 storage for this process with these settings. */
  void apply() {
    Storage.configure(config());
  }
}
