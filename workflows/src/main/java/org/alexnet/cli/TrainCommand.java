package org.alexnet.cli;

import java.util.concurrent.Callable;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainingSetup;
import org.alexnet.trainer.loop.EvalResult;
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

  @Mixin TrainSettingsOptions settings;

  @Option(names = "--start-epoch", defaultValue = "-1", description = "Epoch to start at (default: 0, or the checkpoint's).")
  int startEpoch;

  @Option(names = {"-e", "--evaluate"}, description = "Only evaluate on the validation split.")
  boolean evaluate;

  @Option(names = "--resume", paramLabel = "PATH|auto", description = "Continue from a checkpoint; auto: the latest in --checkpoint-dir.")
  String resume;

  @Option(names = "--checkpoint-dir", defaultValue = "checkpoints", paramLabel = "URI", description = "Where checkpoints go (default: ${DEFAULT-VALUE}).")
  String checkpointDir;

  @Mixin TrainerOptions trainer;

  @Option(names = "--dummy", description = "Train on random data (no dataset), to time the model.")
  boolean dummy;

  @Override
  public Integer call() throws Exception {
    TrainRequest request = trainer.applyTo(TrainRequest.builder(settings.settings())).dataset(dataset)
        .checkpoints(trainer.checkpointing(checkpointDir)).resume(resume).startEpoch(startEpoch).evaluateOnly(evaluate)
        .dummy(dummy).build();
    storage.apply();
    var out = spec.commandLine().getOut();
    EvalResult result;
    try (TrainProgressBars bars = new TrainProgressBars()) {
      result = TrainingSetup.create(request, line -> out.println(line)).listen(bars).run();
    }
    if (result != null) {
      out.printf("Validation: %,d images, top-1 error %.2f%%, top-5 error %.2f%% (Acc@1 %.3f, Acc@5 %.3f)%n",
          result.images(), 100 - result.acc1(), 100 - result.acc5(), result.acc1(), result.acc5());
    }
    return 0;
  }
}
