package org.alexnet.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.alexnet.sample.EdgeCase;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "make-sample",
    mixinStandardHelpOptions = true,
    description = {
        "Writes a small ILSVRC2012 look-alike: ILSVRC2012_img_train.tar (a tar of per-class tars),",
        "ILSVRC2012_img_val.tar (flat, classes shuffled) and ILSVRC2012_devkit_t12.tar.gz (meta.mat and",
        "the validation ground truth in devkit-ID order). Images are JPEGs of ImageNet-like sizes whose",
        "content depends on the class; the same options give the same bytes."})
final class MakeSampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the three archives to.")
  Path out;

  @Option(names = "--classes", defaultValue = "10", description = "Number of classes, picked from the 1000 (default: ${DEFAULT-VALUE}).")
  int classes;

  @Option(names = "--train-per-class", defaultValue = "100", description = "Training images per class (default: ${DEFAULT-VALUE}).")
  int trainPerClass;

  @Option(names = "--val-per-class", defaultValue = "20", description = "Validation images per class (default: ${DEFAULT-VALUE}).")
  int valPerClass;

  @Option(names = "--seed", defaultValue = "0", description = "Seed for classes, pictures and order (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--edge-cases", description = "Also put awkward files into the train class tars: "
      + "CMYK, PNG named .JPEG, grayscale, progressive, truncated, empty, and a header claiming a huge size.")
  boolean edgeCases;

  @Option(names = "--subset-devkit", description = "Write a devkit for the sample's classes only (IDs 1..K and a root), "
      + "instead of the real devkit's 1000 classes: prepare then makes a K-class dataset.")
  boolean subsetDevkit;

  @Override
  public Integer call() throws Exception {
    SampleSpec sample = new SampleSpec(classes, trainPerClass, valPerClass, seed, edgeCases, subsetDevkit);
    long started = System.nanoTime();
    SampleSummary summary;
    try (ProgressBar bar = Progress.bar("make-sample", sample.totalImages(), "img")) {
      summary = new SampleGenerator(sample, bar::stepBy).write(out);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    var o = spec.commandLine().getOut();
    o.printf("Wrote %s in %.1f s:%n", out.toAbsolutePath(), seconds);
    o.printf("  %-32s %d classes, %d images%n", summary.trainTar().getFileName(), summary.wnids().size(), summary.trainImages());
    o.printf("  %-32s %d images%n", summary.valTar().getFileName(), summary.validationWnids().size());
    o.printf("  %-32s meta.mat (%s) and validation ground truth%n", summary.devkit().getFileName(),
        subsetDevkit ? summary.wnids().size() + " classes and a root" : "1860 synsets: the 1000 classes and WordNet above");
    if (!summary.edgeCases().isEmpty()) {
      o.println("Edge cases in the train tar (and what prepare must do with them):");
      Map<String, EdgeCase> sorted = new TreeMap<>(summary.edgeCases());
      sorted.forEach((file, kind) -> o.printf("  %-40s %-12s -> %s%n", file, kind,
          kind.expectedReason() == null ? "written" : "quarantined (" + kind.expectedReason().code() + ")"));
    }
    return 0;
  }
}
