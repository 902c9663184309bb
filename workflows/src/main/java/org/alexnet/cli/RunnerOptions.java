package org.alexnet.cli;

import org.alexnet.pipelines.PipelineRunner;
import picocli.CommandLine.Option;

/** Where pipelines run: Flink (embedded by default, or a cluster) or Beam's direct runner. */
final class RunnerOptions {
  @Option(names = "--runner", defaultValue = "flink", description = "flink or direct (default: ${DEFAULT-VALUE}).")
  String runner;

  @Option(names = "--flink-master", defaultValue = PipelineRunner.LOCAL_FLINK, paramLabel = "HOST:PORT",
      description = "[local] runs an embedded Flink; HOST:PORT submits to a cluster's JobManager (default: ${DEFAULT-VALUE}).")
  String flinkMaster;

  @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
      description = "Parallel tasks (default: the number of cores for [local], all the cluster's task slots otherwise).")
  int parallelism;

  @Option(names = "--stage-all", description = "On a cluster, upload every jar with each job, for TaskManagers "
      + "without the dependencies on their classpath (default: only this project's jars; see infra/README.md).")
  boolean stageAll;

  PipelineRunner runner(StorageOptions storage) {
    return new PipelineRunner(runner, flinkMaster, parallelism, stageAll, storage.config());
  }
}
