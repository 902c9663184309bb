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
 * @param parallelism parallel tasks; 0 for the number of cores with {@code [local]}, all the cluster's
 *     task slots otherwise
 * @param stageAll on a cluster, upload every jar of the classpath with each job (for TaskManagers that
 *     lack the dependencies); otherwise only this project's jars and Beam's
 */
public record PipelineRunner(String runner, String flinkMaster, int parallelism, boolean stageAll,
    StorageConfig storage) {
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
    return local(0, StorageConfig.defaults());
  }

  /** The embedded Flink with {@code parallelism} workers (0: every core). */
  public static PipelineRunner local(int parallelism, StorageConfig storage) {
    return new PipelineRunner("flink", LOCAL_FLINK, parallelism, false, storage);
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
      boolean local = flinkMaster.equals(LOCAL_FLINK);
      options.setParallelism(parallelism > 0 ? parallelism : local ? cores : FlinkCluster.slots(flinkMaster));
      if (!local && !stageAll) {
        options.setFilesToStage(FlinkCluster.jobJars());
      }
    } else {
      options.setRunner(DirectRunner.class);
      options.as(DirectOptions.class).setTargetParallelism(parallelism > 0 ? parallelism : cores);
    }
    return options;
  }
}
