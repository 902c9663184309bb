package org.alexnet.cli;

import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.checkpoint.Checkpointing;
import org.alexnet.workflows.run.RunTuning;
import picocli.CommandLine.Option;

/** How the trainer runs, without changing what it computes: loader threads, logging, checkpoint intervals. */
final class TrainerOptions {
  private static final TrainRequest DEFAULTS = TrainRequest.builder(TrainSettings.DEFAULTS).dummy(true).build();

  @Option(names = {"-j", "--workers"}, description = "Data loading threads (default: ${DEFAULT-VALUE}).")
  int workers = DEFAULTS.workers();

  @Option(names = "--print-freq", description = "Steps between progress lines (default: ${DEFAULT-VALUE}).")
  int printFreq = DEFAULTS.printFreq();

  @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "Also checkpoint every N steps (default: epoch ends only).")
  int checkpointEvery;

  @Option(names = "--checkpoint-minutes", paramLabel = "M",
      description = "Also checkpoint when M minutes passed since the last checkpoint (default: only by epoch/steps).")
  double checkpointMinutes;

  Checkpointing checkpointing(String dir) {
    return new Checkpointing(dir, checkpointEvery, checkpointMinutes, Checkpointing.KEEP_LAST);
  }

  TrainRequest.Builder applyTo(TrainRequest.Builder request) {
    return request.workers(workers).printFreq(printFreq);
  }

  /** The same flags for a workflow's training. */
  RunTuning tuning() {
    return new RunTuning(workers, printFreq, checkpointEvery, checkpointMinutes);
  }
}
