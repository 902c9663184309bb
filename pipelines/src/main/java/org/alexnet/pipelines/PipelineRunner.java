package org.alexnet.pipelines;

import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageConfig;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Where the pipelines run: Flink (an embedded {@code [local]} one, or a cluster's JobManager) or Beam's
 * direct runner, and how their workers reach storage. A property of the machine that drives the
 * pipelines (a command, or a Temporal worker), not of what a pipeline computes.
 *
 * @param parallelism parallel tasks; 0 for the number of cores with {@code [local]}, the cluster's otherwise
 */
public record PipelineRunner(String runner, String flinkMaster, int parallelism, StorageConfig storage) {
  public static final String LOCAL_FLINK = "[local]";

  public PipelineRunner {
    if (!runner.equals("flink") && !runner.equals("direct")) {
      throw new IllegalArgumentException("--runner must be flink or direct, not " + runner);
    }
    if (parallelism < 0) {
      throw new IllegalArgumentException("--parallelism cannot be negative");
    }
  }

  /** The embedded Flink on every core, with storage as the environment configures it. */
  public static PipelineRunner embedded() {
    return new PipelineRunner("flink", LOCAL_FLINK, 0, StorageConfig.defaults());
  }

  /** Fresh options for one pipeline run; S3 settings travel in them to every worker. */
  public FlinkPipelineOptions options(String jobName) {
    FlinkPipelineOptions options = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    Storage.applyTo(storage, options);
    options.setJobName(jobName);
    int cores = Runtime.getRuntime().availableProcessors();
    if (runner.equals("flink")) {
      options.setRunner(FlinkRunner.class);
      options.setFlinkMaster(flinkMaster);
      options.setParallelism(parallelism > 0 ? parallelism : flinkMaster.equals(LOCAL_FLINK) ? cores : -1);
    } else {
      options.setRunner(DirectRunner.class);
      options.as(DirectOptions.class).setTargetParallelism(parallelism > 0 ? parallelism : cores);
    }
    return options;
  }
}
