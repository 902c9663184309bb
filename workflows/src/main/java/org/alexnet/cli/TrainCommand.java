package org.alexnet.cli;

import java.util.concurrent.Callable;
import org.alexnet.trainer.TrainConfig;
import org.alexnet.trainer.TrainingSetup;
import org.alexnet.trainer.loop.EvalResult;
import org.alexnet.trainer.loop.LrPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {"Trains AlexNet on a prepared dataset with the PyTorch ImageNet example's options",
        "(main.py DIR -a alexnet --lr 0.01), checkpointing every epoch; or evaluates it with -e."})
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StorageOptions storage;

  @Parameters(arity = "0..1", paramLabel = "DATASET", description = "A dataset written by prepare (local or s3://).")
  String dataset;

  @Option(names = {"-a", "--arch"}, defaultValue = "alexnet", description = "alexnet (torchvision's, the default) or alexnet-paper (the 2012 network: LRN, groups, 227 input).")
  String arch;

  @Option(names = "--widths", paramLabel = "C1,..,C5/HIDDEN", description = "Other layer widths, e.g. 16,32,48,32,32/64 (default: torchvision's).")
  String widths;

  @Option(names = "--epochs", defaultValue = "90", description = "Total epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--start-epoch", defaultValue = "-1", description = "Epoch to start at (default: 0, or the checkpoint's).")
  int startEpoch;

  @Option(names = {"-b", "--batch-size"}, defaultValue = "256", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--lr", defaultValue = "0.01", description = "Initial learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(names = {"--wd", "--weight-decay"}, defaultValue = "1e-4", description = "Weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(names = {"-j", "--workers"}, defaultValue = "4", description = "Data loading threads (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = {"-p", "--pretrained"}, arity = "0..1", fallbackValue = "", paramLabel = "PATH",
      description = "Start from torchvision AlexNet weights (a .pth file in any torch.save format).")
  String pretrained;

  @Option(names = {"-e", "--evaluate"}, description = "Only evaluate on the validation split.")
  boolean evaluate;

  @Option(names = "--resume", paramLabel = "PATH|auto", description = "Continue from a checkpoint; auto: the latest in --checkpoint-dir.")
  String resume;

  @Option(names = "--checkpoint-dir", defaultValue = "checkpoints", paramLabel = "URI", description = "Where checkpoints go (default: ${DEFAULT-VALUE}).")
  String checkpointDir;

  @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "STEPS", description = "Also checkpoint every N steps (default: epoch ends only).")
  int checkpointEvery;

  @Option(names = "--checkpoint-minutes", defaultValue = "0", paramLabel = "M",
      description = "Also checkpoint when M minutes passed since the last checkpoint (default: only by epoch/steps).")
  double checkpointMinutes;

  @Option(names = "--crop-size", defaultValue = "0", paramLabel = "N", description = "Input crop (default: 224, or 227 for alexnet-paper).")
  int cropSize;

  @Option(names = "--pca-noise", defaultValue = "0", paramLabel = "SIGMA",
      description = "The paper's PCA colour augmentation with this sigma (0.1 in the paper; default: off).")
  double pcaNoise;

  @Option(names = "--lr-schedule", defaultValue = "step", description = "step (/10 every 30 epochs) or plateau (/10 when val top-1 stalls) (default: ${DEFAULT-VALUE}).")
  String lrSchedule;

  @Option(names = "--seed", defaultValue = "0", description = "Seed for initialisation, data order and augmentation (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--print-freq", defaultValue = "10", description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
  int printFreq;

  @Option(names = "--dummy", description = "Train on random data (no dataset), to time the model.")
  boolean dummy;

  @Override
  public Integer call() throws Exception {
    storage.apply();
    if ("".equals(pretrained)) {
      throw new IllegalArgumentException("-p needs the weights file here (no downloads): e.g. -p alexnet-owt-7be5be79.pth");
    }
    TrainConfig config = new TrainConfig(dataset, arch, epochs, startEpoch, batchSize, lr, momentum, weightDecay,
        workers, seed, printFreq, cropSize, pcaNoise, LrPolicy.Kind.valueOf(lrSchedule.toUpperCase(java.util.Locale.ROOT)),
        checkpointDir, resume, evaluate, pretrained, dummy, checkpointEvery, checkpointMinutes, 3, 0);
    var out = spec.commandLine().getOut();
    EvalResult result;
    try (TrainProgressBars bars = new TrainProgressBars()) {
      result = TrainingSetup.create(config, widths, line -> out.println(line)).onProgress(bars).run();
    }
    if (result != null) {
      out.printf("Validation: %,d images, top-1 error %.2f%%, top-5 error %.2f%% (Acc@1 %.3f, Acc@5 %.3f)%n",
          result.images(), 100 - result.acc1(), 100 - result.acc5(), result.acc1(), result.acc5());
    }
    return 0;
  }
}
