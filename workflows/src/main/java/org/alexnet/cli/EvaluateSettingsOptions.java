package org.alexnet.cli;

import java.util.Locale;
import org.alexnet.pipelines.evaluate.EvalViews;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import picocli.CommandLine.Option;

/** Which crops the evaluation scores; the batch flag is each command's ({@code evaluate --batch}, {@code run --eval-batch}). */
final class EvaluateSettingsOptions {
  @Option(names = "--crops",
      description = "center, or ten: four corners and centre plus mirrors, softmax averaged (default: ${DEFAULT-VALUE}).")
  String crops = EvaluateSettings.DEFAULTS.crops().name().toLowerCase(Locale.ROOT);

  EvaluateSettings settings(int batch) {
    return new EvaluateSettings(EvalViews.parse(crops), batch);
  }
}
