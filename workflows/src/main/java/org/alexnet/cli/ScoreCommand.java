package org.alexnet.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.pipelines.evaluate.FlatErrors;
import org.alexnet.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = {
        "Scores a predictions file (one line per validation image in file-name order, up to five",
        "ILSVRC2012_IDs best first) against the devkit's ground truth, as the devkit's flat evaluation",
        "does: the error with 1..5 guesses."})
final class ScoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Option(names = "--predictions", required = true, paramLabel = "FILE", description = "e.g. val.pred.txt from evaluate.")
  String predictions;

  @Option(names = "--devkit", required = true, paramLabel = "D",
      description = "ILSVRC2012_devkit_t12.tar.gz, or its data/ILSVRC2012_validation_ground_truth.txt.")
  String devkit;

  @Override
  public Integer call() throws Exception {
    storage.apply();
    int[] truth = devkit.endsWith(".txt")
        ? Devkit.parseIds(new String(Storage.readAll(devkit), StandardCharsets.US_ASCII), devkit)
        : Devkit.read(Storage.open(devkit), devkit).validationGroundTruth();
    double[] errors = FlatErrors.score(
        FlatErrors.parse(new String(Storage.readAll(predictions), StandardCharsets.US_ASCII), predictions), truth);
    var out = spec.commandLine().getOut();
    out.printf("%s against %s (%,d images)%n", predictions, devkit, truth.length);
    out.println("# guesses  vs flat error");
    for (int k = 0; k < errors.length; k++) {
      out.printf("    %d  %.4f%n", k + 1, errors[k]);
    }
    return 0;
  }
}
