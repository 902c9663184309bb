package org.alexnet.pipelines.evaluate;

import org.alexnet.storage.S3StorageOptions;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.Validation;

/** The evaluation pipeline's options; S3 and Flink settings travel with them to every worker. */
public interface EvaluateOptions extends FlinkPipelineOptions, S3StorageOptions {
  @Description("A dataset written by prepare (local or s3://)")
  @Validation.Required
  String getDataset();

  void setDataset(String value);

  @Description("A checkpoint written by train")
  String getCheckpoint();

  void setCheckpoint(String value);

  @Description("torchvision AlexNet weights (.pth), instead of a checkpoint")
  String getPretrained();

  void setPretrained(String value);

  @Description("center or ten")
  @Default.String("center")
  String getCrops();

  void setCrops(String value);

  @Description("Images per forward pass")
  @Default.Integer(64)
  int getBatch();

  void setBatch(int value);

  @Description("Where eval.json, per_class.csv, val.pred.txt and per_class.png go")
  @Validation.Required
  String getOutput();

  void setOutput(String value);
}
