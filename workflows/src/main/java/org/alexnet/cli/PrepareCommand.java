package org.alexnet.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.pipelines.prepare.PrepareSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description = {
        "Turns the ILSVRC2012 archives as downloaded (or ImageFolder trees) into a sharded, resized",
        "dataset with its training mean (TFRecord of tf.train.Example; labels 0..K-1 in sorted class-name",
        "order, the devkit's classes or those the inputs name), with a Beam pipeline on Flink. Archives",
        "are read in place (tar headers, then byte ranges), never extracted. Every input image is written",
        "or quarantined with its reason. Re-running with the same inputs and settings does nothing;",
        "re-running after a crash replaces the unfinished output."})
final class PrepareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Mixin PrepareInputOptions inputs;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "Output folder or s3://bucket/prefix.")
  String out;

  @Mixin PrepareSettingsOptions settings;

  @Option(names = "--seed", description = "Seed of the shuffled order in shards (default: ${DEFAULT-VALUE}).")
  long seed = PrepareSettings.DEFAULTS.seed();

  @Option(names = "--overwrite", description = "Replace a committed dataset made from other inputs or settings.")
  boolean overwrite;

  @Mixin RunnerOptions runner;

  @Override
  public Integer call() throws Exception {
    // every flag is checked before anything is read
    PrepareRequest request = new PrepareRequest(inputs.inputs(), out, settings.settings(seed), overwrite);
    PipelineRunner pipelines = runner.runner(storage);
    storage.apply();

    String progressKey = UUID.randomUUID().toString();
    long started = System.nanoTime();
    PreparePipeline.Outcome outcome;
    try (PrepareProgressBars bars = new PrepareProgressBars(progressKey)) {
      outcome = PreparePipeline.run(request, pipelines, progressKey);
    }
    summarize(outcome, (System.nanoTime() - started) / 1e9, spec.commandLine().getOut());
    return 0;
  }

  private static void summarize(PreparePipeline.Outcome outcome, double seconds, PrintWriter o) {
    Manifest m = outcome.dataset().manifest();
    if (outcome.alreadyComplete()) {
      o.printf("%s already holds dataset %s, made from the same inputs and settings: nothing to do.%n",
          outcome.dataset().root(), outcome.id());
      return;
    }
    long images = m.splits().values().stream().mapToLong(Manifest.Split::images).sum();
    o.printf("Prepared dataset %s in %s (%.1f s, %.0f images/s)%n", outcome.id(), outcome.dataset().root(), seconds,
        (images + m.quarantine().size()) / seconds);
    for (String split : outcome.dataset().splitNames()) {
      Manifest.Split s = m.splits().get(split);
      o.printf("  %-11s %,9d images in %4d shards, %s%n", split, s.images(), s.shards().size(), Bytes.human(s.bytes()));
    }
    Map<String, Long> reasons = m.quarantine().stream()
        .collect(Collectors.groupingBy(q -> q.reason().code(), TreeMap::new, Collectors.counting()));
    o.printf("  quarantined %,d%s%n", m.quarantine().size(), reasons.isEmpty() ? "" : " " + reasons);
    o.printf("  mean RGB %.1f %.1f %.1f over %,d training images -> %s%n", m.mean().channelMean()[0],
        m.mean().channelMean()[1], m.mean().channelMean()[2], m.mean().images(), m.mean().file());
    o.printf("Inspect it with: alexnet inspect %s%n", outcome.dataset().root());
    if (!m.splits().containsKey(Dataset.TRAIN)) {
      o.println("(no train split: the mean image is all zeros)");
    }
  }
}
