package org.alexnet.cli;

import java.util.Locale;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.loop.LrPolicy;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The training recipe's flags, as the PyTorch ImageNet example names them; defaults from {@link TrainSettings}. */
final class TrainSettingsOptions {
  private static final TrainSettings DEFAULTS = TrainSettings.DEFAULTS;

  @Option(names = {"-a", "--arch"}, description = "alexnet (torchvision's, the default) or alexnet-paper (the 2012 network: LRN, groups, 227 input).")
  String arch = DEFAULTS.arch();

  @Option(names = "--widths", paramLabel = "C1,..,C5/HIDDEN", description = "Other layer widths, e.g. 16,32,48,32,32/64 (default: torchvision's).")
  String widths = DEFAULTS.widths();

  @Option(names = "--epochs", description = "Total epochs (default: ${DEFAULT-VALUE}).")
  int epochs = DEFAULTS.epochs();

  @Option(names = {"-b", "--batch-size"}, description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batchSize = DEFAULTS.batchSize();

  @Option(names = "--lr", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
  double lr = DEFAULTS.lr();

  @Option(names = "--momentum", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum = DEFAULTS.momentum();

  @Option(names = {"--wd", "--weight-decay"}, description = "Weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay = DEFAULTS.weightDecay();

  @Option(names = "--crop-size", paramLabel = "N", description = "Input crop (default: 224, or 227 for alexnet-paper).")
  int cropSize; // 0: the architecture's

  @Option(names = "--pca-noise", paramLabel = "SIGMA",
      description = "The paper's PCA colour augmentation with this sigma (0.1 in the paper; default: off).")
  double pcaNoise = DEFAULTS.pcaNoise();

  @Option(names = "--lr-schedule", description = "step (/10 every 30 epochs) or plateau (/10 when val top-1 stalls) (default: ${DEFAULT-VALUE}).")
  String lrSchedule = DEFAULTS.lrSchedule().name().toLowerCase(Locale.ROOT);

  @Option(names = "--seed", description = "Seed for initialisation, data order and augmentation (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed();

  @Spec(Spec.Target.MIXEE) CommandSpec command;

  @Mixin PretrainedOption pretrained;

  @Option(names = "--num-classes", paramLabel = "N",
      description = "Classifier outputs (default: the dataset's classes; 1000 as the PyTorch example on any data).")
  int numClasses = DEFAULTS.numClasses();

  @Option(names = "--freeze-features", description = "Train the classifier only: the convolutions keep the weights they "
      + "start with (-p's, when fine-tuning).")
  boolean freezeFeatures = DEFAULTS.freezeFeatures();

  TrainSettings settings() {
    return TrainSettings.builder().arch(arch).widths(widths).cropSize(cropSize).epochs(epochs).batchSize(batchSize)
        .lr(lr).momentum(momentum).weightDecay(weightDecay).lrSchedule(schedule()).pcaNoise(pcaNoise).seed(seed)
        .pretrained(pretrained.path(command.commandLine().getOut()::println)).numClasses(numClasses)
        .freezeFeatures(freezeFeatures).build();
  }

  private LrPolicy.Kind schedule() {
    return switch (lrSchedule.toLowerCase(Locale.ROOT)) {
      case "step" -> LrPolicy.Kind.STEP;
      case "plateau" -> LrPolicy.Kind.PLATEAU;
      default -> throw new IllegalArgumentException("--lr-schedule must be step or plateau, not " + lrSchedule);
    };
  }
}
