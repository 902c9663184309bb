package org.alexnet.storage;

import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Beam's S3 options plus the path-style switch that Beam lacks. */
public interface S3StorageOptions extends S3Options {
  @Description("Address buckets as ENDPOINT/bucket (path style), as most S3-compatible servers need")
  @Default.Boolean(false)
  boolean getS3PathStyle();

  void setS3PathStyle(boolean pathStyle);
}
