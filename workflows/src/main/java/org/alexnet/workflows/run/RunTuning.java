package org.alexnet.workflows.run;

import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.checkpoint.Checkpointing;

/**
 * How the stages run, without changing what they compute: not part of a run's identity, so the same
 * command with another {@code -j} still resumes the same run.
 *
 * @param heartbeatSeconds how long a stage's worker may be silent before the stage is retried on another
 */
public record RunTuning(int workers, int printFreq, int checkpointEvery, double checkpointMinutes, int heartbeatSeconds) {
  /**
   * A full AlexNet checkpoint on slow storage takes about a minute and a training batch on CPUs tens
   * of seconds; five minutes of silence means the worker died.
   */
  public static final int DEFAULT_HEARTBEAT_SECONDS = 300;

  public RunTuning {
    TrainRequest.checkLogging(workers, printFreq);
    Checkpointing.checkIntervals(checkpointEvery, checkpointMinutes);
    if (heartbeatSeconds < 5) {
      throw new IllegalArgumentException("--heartbeat-timeout must be at least 5 seconds: workers heartbeat every 2");
    }
  }

  public RunTuning(int workers, int printFreq, int checkpointEvery, double checkpointMinutes) {
    this(workers, printFreq, checkpointEvery, checkpointMinutes, DEFAULT_HEARTBEAT_SECONDS);
  }

  public RunTuning withHeartbeat(int seconds) {
    return new RunTuning(workers, printFreq, checkpointEvery, checkpointMinutes, seconds);
  }
}
