package org.alexnet.cli;

import org.alexnet.storage.Storage;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Option;

/** Where a pipeline runs: Flink (embedded by default, or a cluster) or Beam's direct runner. */
final class RunnerOptions {
  @Option(names = "--runner", defaultValue = "flink", description = "flink or direct (default: ${DEFAULT-VALUE}).")
  String runner;

  @Option(names = "--flink-master", defaultValue = "[local]", paramLabel = "HOST:PORT",
      description = "[local] runs an embedded Flink; HOST:PORT submits to a cluster's JobManager (default: ${DEFAULT-VALUE}).")
  String flinkMaster;

  @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
      description = "Parallel tasks (default: the number of cores for [local], the cluster's default otherwise).")
  int parallelism;

  /** Options of {@code type} for this runner, with the storage flags and a job name. */
  <T extends FlinkPipelineOptions> T pipelineOptions(Class<T> type, StorageOptions storage, String jobName) {
    T options = PipelineOptionsFactory.as(type);
    Storage.applyTo(storage.config(), options);
    applyTo(options);
    options.setJobName(jobName);
    return options;
  }

  private void applyTo(FlinkPipelineOptions options) {
    switch (runner) {
      case "flink" -> {
        options.setRunner(FlinkRunner.class);
        options.setFlinkMaster(flinkMaster);
        int cores = Runtime.getRuntime().availableProcessors();
        options.setParallelism(parallelism > 0 ? parallelism : flinkMaster.equals("[local]") ? cores : -1);
      }
      case "direct" -> {
        options.setRunner(DirectRunner.class);
        options.as(org.apache.beam.runners.direct.DirectOptions.class)
            .setTargetParallelism(parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors());
      }
      default -> throw new IllegalArgumentException("--runner must be flink or direct, not " + runner);
    }
  }
}
