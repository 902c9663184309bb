package org.alexnet.pipelines.prepare;

import org.alexnet.storage.S3StorageOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** The prepare pipeline's options; S3 and Flink settings travel with them to every worker. */
public interface PrepareOptions extends FlinkPipelineOptions, S3StorageOptions {
  @Description("ILSVRC2012_img_train.tar, or a folder of train/<wnid>/*.JPEG (local or s3://)")
  String getTrainTar();

  void setTrainTar(String value);

  @Description("ILSVRC2012_img_val.tar, or a folder of val/*.JPEG or val/<wnid>/*.JPEG")
  String getValTar();

  void setValTar(String value);

  @Description("ILSVRC2012_devkit_t12.tar.gz: validation ground truth and the synset table")
  String getDevkit();

  void setDevkit(String value);

  @Description("Instead of the devkit: a table of 'file name, WNID' for validation images")
  String getValLabels();

  void setValLabels(String value);

  @Description("Where the dataset goes: a local folder or s3://bucket/prefix")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Shorter side after resizing, in pixels")
  @Default.Integer(256)
  int getSize();

  void setSize(int value);

  @Description("center: the central SIZE x SIZE square; none: keep the aspect ratio")
  @Default.String("center")
  String getCrop();

  void setCrop(String value);

  @Description("How pixels are stored: raw (8-bit RGB) or jpeg")
  @Default.String("raw")
  String getEncoding();

  void setEncoding(String value);

  @Description("JPEG quality when --encoding=jpeg")
  @Default.Integer(90)
  int getQuality();

  void setQuality(int value);

  @Description("Train shards; 0 = 1024, fewer for small inputs (at least 100 images a shard)")
  @Default.Integer(0)
  int getTrainShards();

  void setTrainShards(int value);

  @Description("Validation shards; 0 = 128, fewer for small inputs")
  @Default.Integer(0)
  int getValShards();

  void setValShards(int value);

  @Description("Seed of the shuffled order of images in shards")
  @Default.Long(0)
  long getSeed();

  void setSeed(long value);

  @Description("Images whose header claims more pixels than this are quarantined before decoding")
  @Default.Long(100_000_000L)
  long getMaxPixels();

  void setMaxPixels(long value);

  @Description("Files larger than this are quarantined without being read")
  @Default.Long(64L << 20)
  long getMaxFileBytes();

  void setMaxFileBytes(long value);

  @Description("Replace a committed dataset with different inputs or settings at --output")
  @Default.Boolean(false)
  boolean getOverwrite();

  void setOverwrite(boolean value);
}
