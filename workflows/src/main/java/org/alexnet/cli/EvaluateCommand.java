package org.alexnet.cli;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import org.alexnet.dataset.Dataset;
import java.util.concurrent.Callable;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.evaluate.EvalReport;
import org.alexnet.pipelines.evaluate.EvalSummary;
import org.alexnet.pipelines.evaluate.EvaluatePipeline;
import org.alexnet.pipelines.evaluate.EvaluateRequest;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import org.alexnet.pipelines.evaluate.ModelRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
        "Top-1/top-5 error of a checkpoint (or torchvision weights) over a dataset's validation split, with",
        "a Beam pipeline on Flink. Writes eval.json, per_class.csv, val.pred.txt (the devkit's submission",
        "format, for 'alexnet score') and per_class.png under --out."})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Option(names = "--dataset", required = true, paramLabel = "URI", description = "A dataset written by prepare.")
  String dataset;

  @Option(names = "--checkpoint", paramLabel = "URI", description = "A checkpoint written by train (e.g. checkpoints/model_best.zip).")
  String checkpoint;

  @Mixin PretrainedOption pretrained;

  @Mixin EvaluateSettingsOptions settings;

  @Option(names = "--batch", paramLabel = "N", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
  int batch = EvaluateSettings.DEFAULTS.batch();

  @Option(names = "--out", defaultValue = "evaluation", paramLabel = "URI", description = "Where the report goes (default: ${DEFAULT-VALUE}).")
  String out;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws Exception {
    // flags first, before anything is read
    ModelRef model = new ModelRef(checkpoint, pretrained.path(spec.commandLine().getOut()::println));
    EvaluateRequest request = new EvaluateRequest(dataset, model, settings.settings(batch), out);
    PipelineRunner pipelines = runner.runner(storage);
    storage.apply();
    long images = Dataset.open(dataset).split(Dataset.VALIDATION).images();
    String progressKey = UUID.randomUUID().toString();
    EvalSummary report;
    ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    try (ProgressBar bar = Progress.bar("evaluate", images, "img")) {
      poller.scheduleAtFixedRate(() -> bar.stepTo(EvaluatePipeline.scored(progressKey)), 0, 500, TimeUnit.MILLISECONDS);
      report = EvaluatePipeline.run(request, pipelines, progressKey);
      poller.shutdownNow();
      bar.stepTo(EvaluatePipeline.scored(progressKey));
    } finally {
      poller.shutdownNow();
    }
    spec.commandLine().getOut().printf("Evaluation of %s (%s crops): %s%nReport: %s%n", report.model(),
        report.crops(), EvalReport.describe(report), out);
    return 0;
  }
}
