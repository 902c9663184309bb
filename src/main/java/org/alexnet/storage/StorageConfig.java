package org.alexnet.storage;

import java.net.URI;
import java.util.Map;

/**
 * How to reach S3 or an S3-compatible server. Flags win over the environment. Credentials come from
 * the AWS default chain (environment variables, system properties, profile, instance role) of each
 * process that touches storage, so that keys never travel in pipeline options (which a Flink cluster
 * shows in its web UI), requests or workflow histories; an explicit key is for in-process tests.
 *
 * @param endpoint e.g. http://127.0.0.1:9000 for an S3-compatible server; null for AWS
 * @param region AWS region; S3-compatible servers accept any
 * @param pathStyle address buckets as endpoint/bucket instead of bucket.endpoint (most non-AWS servers)
 */
public record StorageConfig(URI endpoint, String region, boolean pathStyle, String accessKey, String secretKey) {

  public static final String DEFAULT_REGION = "us-east-1";

  public StorageConfig {
    if ((accessKey == null) != (secretKey == null)) {
      throw new IllegalArgumentException("give both an S3 access key and a secret key, or neither");
    }
    if (region == null || region.isBlank()) {
      region = DEFAULT_REGION;
    }
  }

  public static StorageConfig defaults() {
    return fromEnvironment(System.getenv());
  }

  /**
   * Reads ALEXNET_S3_ENDPOINT (or AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL), AWS_REGION and
   * ALEXNET_S3_PATH_STYLE. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are left to the AWS chain.
   */
  public static StorageConfig fromEnvironment(Map<String, String> env) {
    String endpoint = first(env, "ALEXNET_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL");
    return new StorageConfig(
        endpoint == null ? null : URI.create(endpoint),
        first(env, "AWS_REGION", "AWS_DEFAULT_REGION"),
        Boolean.parseBoolean(env.getOrDefault("ALEXNET_S3_PATH_STYLE", endpoint == null ? "false" : "true")),
        null, null);
  }

  private static String first(Map<String, String> env, String... names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return String.format("StorageConfig[endpoint=%s, region=%s, pathStyle=%s, credentials=%s]",
        endpoint, region, pathStyle, accessKey == null ? "AWS default chain" : "static key " + accessKey);
  }
}
