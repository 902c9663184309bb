package org.alexnet.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code -p/--pretrained [PATH]} of train, run and evaluate: torchvision AlexNet weights, looked for without a PATH. */
final class PretrainedOption {
  private static final String NO_PATH = "";

  @Option(names = {"-p", "--pretrained"}, arity = "0..1", fallbackValue = NO_PATH, paramLabel = "PATH",
      description = "torchvision AlexNet weights (a .pth file in any torch.save format); with no PATH, "
          + PretrainedWeights.HUB_FILE + " in torch hub's cache ($TORCH_HOME/hub/checkpoints), else ~/.torch/models/"
          + PretrainedWeights.MODEL_ZOO_FILE + ".")
  String given;

  private final PretrainedWeights defaults;

  PretrainedOption() {
    this(PretrainedWeights.ofThisUser());
  }

  PretrainedOption(PretrainedWeights defaults) {
    this.defaults = defaults;
  }

  /** The weights file to read, or null without -p; with -p alone, the file found, saying which on {@code log}. */
  String path(Consumer<String> log) {
    if (!NO_PATH.equals(given)) {
      return given;
    }
    Path found = defaults.find();
    log.accept("=> -p: using " + found);
    return found.toString();
  }
}
