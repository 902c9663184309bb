package org.alexnet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import org.alexnet.pipelines.prepare.PrepareInputs;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.sample.SampleSpec;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.workflows.run.RunRequest;
import org.alexnet.workflows.run.RunTuning;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "The whole job on this machine in a few minutes: makes a 10-class ILSVRC2012",
        "look-alike, then runs prepare -> train -> evaluate as a Temporal workflow on",
        "the embedded server, Flink and DL4J, sized so that a small AlexNet learns the",
        "classes well past chance. The same command again resumes or reprints it."})
final class DemoCommand implements Callable<Integer> {
  /** 10 classes as the sample makes them: enough images for a small network to learn them in minutes. */
  static final SampleSpec SAMPLE = new SampleSpec(10, 300, 50, 0, false, true);
  /** 72-pixel images and 64-pixel crops: the smallest torchvision AlexNet takes is 63. */
  static final int SIZE = 72;
  /** A narrow AlexNet with a 10-way head; the 2012 paper's weight decay, which steadies it on 3,000 images. */
  static final TrainSettings TRAIN = TrainSettings.builder().widths("48,96,144,96,96/192").cropSize(64).epochs(10)
      .batchSize(32).weightDecay(5e-4).build();

  @Spec CommandSpec spec;

  @Option(names = "--work", defaultValue = "demo", paramLabel = "DIR",
      description = "Folder for the sample, the dataset and the run (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    Path sample = sample(work.resolve("sample"), out);
    PrepareSettings d = PrepareSettings.DEFAULTS;
    PrepareSettings settings = new PrepareSettings(SIZE, d.crop(), d.encoding(), d.quality(), d.trainShards(),
        d.valShards(), d.seed(), d.maxPixels(), d.maxFileBytes());
    PrepareInputs inputs = new PrepareInputs(sample.resolve("ILSVRC2012_img_train.tar").toString(),
        sample.resolve("ILSVRC2012_img_val.tar").toString(), sample.resolve("ILSVRC2012_devkit_t12.tar.gz").toString(), null, null);
    RunRequest request = RunRequest.preparing(inputs, settings, TRAIN, EvaluateSettings.DEFAULTS, work.toString(),
        new RunTuning(2, 50, 0, 0));
    out.printf(Locale.ROOT, "Demo: %d classes of %d training and %d validation images; prepared at %dx%d; AlexNet with "
        + "widths %s (a %d-way head) on %dx%d crops, %d epochs of batch %d, lr %s, weight decay %s; chance is %.0f%% "
        + "top-1 error.%n", SAMPLE.classes(), SAMPLE.trainPerClass(), SAMPLE.valPerClass(), SIZE, SIZE, TRAIN.widths(),
        SAMPLE.classes(), TRAIN.cropSize(), TRAIN.cropSize(), TRAIN.epochs(), TRAIN.batchSize(), TRAIN.lr(),
        new java.math.BigDecimal(Double.toString(TRAIN.weightDecay())).stripTrailingZeros().toPlainString(),
        100.0 * (SAMPLE.classes() - 1) / SAMPLE.classes());
    int code;
    try (RunSession session = RunSession.open(TemporalOptions.embeddedServer(), PipelineRunner.embedded(), out)) {
      code = session.run(request);
    }
    out.printf("Demo finished in %s.%n", RunFollower.duration((System.nanoTime() - started) / 1e9));
    return code;
  }

  /** The sample archives, made once: written beside and renamed, so an interrupted write is never reused. */
  private static Path sample(Path dir, PrintWriter out) throws IOException {
    if (Files.exists(dir.resolve("ILSVRC2012_devkit_t12.tar.gz"))) {
      return dir;
    }
    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
    deleteTree(partial);
    try (ProgressBar bar = Progress.bar("make-sample", SAMPLE.totalImages(), "img")) {
      new SampleGenerator(SAMPLE, bar::stepBy).write(partial);
    }
    deleteTree(dir);
    Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
    out.printf("Wrote the sample archives to %s%n", dir);
    return dir;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
