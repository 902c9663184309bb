package org.alexnet.cli;

import java.util.concurrent.Callable;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.TrainingSetup;
import org.alexnet.workflows.run.RunRequest;
import org.alexnet.workflows.run.RunTuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "prepare -> train -> evaluate as one Temporal workflow, each stage retried",
        "and resumed from storage. Takes prepare's inputs (or --dataset), and train's",
        "and evaluate's options with the same names. The same command again attaches",
        "to the run, resumes it from storage after a crash, or prints its result.",
        "Files go under --work: dataset/, and runs/RUN/ with checkpoints/,",
        "evaluation/ and run.json."})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Mixin PrepareInputOptions inputs;

  @Option(names = "--dataset", paramLabel = "URI", description = "A prepared dataset, instead of the archives to prepare.")
  String dataset;

  @Mixin PrepareSettingsOptions prepare;

  @Option(names = "--shard-seed", description = "prepare's --seed: the shuffled order in shards (default: ${DEFAULT-VALUE}).")
  long shardSeed = PrepareSettings.DEFAULTS.seed();

  @Mixin TrainSettingsOptions train;

  @Mixin TrainerOptions trainer;

  @Mixin EvaluateSettingsOptions evaluate;

  @Option(names = "--eval-batch", paramLabel = "N", description = "evaluate's --batch (default: ${DEFAULT-VALUE}).")
  int evalBatch = EvaluateSettings.DEFAULTS.batch();

  @Option(names = "--work", defaultValue = "work", paramLabel = "URI",
      description = "Folder or s3:// prefix for the dataset and the run's files (default: ${DEFAULT-VALUE}).")
  String work;

  @Option(names = "--heartbeat-timeout", paramLabel = "SECONDS",
      description = "How long a stage's worker may be silent before the stage is retried on another (default: ${DEFAULT-VALUE}).")
  int heartbeatSeconds = RunTuning.DEFAULT_HEARTBEAT_SECONDS;

  @Mixin TemporalOptions temporal;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws Exception {
    RunRequest request = request();
    PipelineRunner pipelines = runner.runner(storage);
    storage.apply();
    if (request.dataset() != null) {
      TrainingSetup.checkFits(request.train(), Dataset.open(request.dataset())); // here, not when the train stage starts
    }
    try (RunSession session = RunSession.open(temporal, pipelines, spec.commandLine().getOut())) {
      return session.run(request);
    }
  }

  /** The run these flags ask for. */
  RunRequest request() {
    TrainSettings settings = train.settings();
    RunTuning tuning = trainer.tuning().withHeartbeat(heartbeatSeconds);
    EvaluateSettings evaluation = evaluate.settings(evalBatch);
    if (dataset != null) {
      if (inputs.given()) {
        throw new IllegalArgumentException("give the archives to prepare or --dataset URI, not both");
      }
      return RunRequest.onDataset(dataset, settings, evaluation, work, tuning);
    }
    return RunRequest.preparing(inputs.inputs(), prepare.settings(shardSeed), settings, evaluation, work, tuning);
  }
}
