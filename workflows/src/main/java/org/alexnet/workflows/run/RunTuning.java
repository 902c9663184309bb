package org.alexnet.workflows.run;

/**
 * How the trainer runs, without changing what it computes: not part of a run's identity, so the same
 * command with another {@code -j} still resumes the same run.
 */
public record RunTuning(int workers, int printFreq, int checkpointEvery, double checkpointMinutes) {
  public RunTuning {
    if (workers < 1 || printFreq < 1 || checkpointEvery < 0 || checkpointMinutes < 0) {
      throw new IllegalArgumentException("-j and --print-freq must be positive, checkpoint intervals 0 or more");
    }
  }
}
