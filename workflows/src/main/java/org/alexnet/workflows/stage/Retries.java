package org.alexnet.workflows.stage;

import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Retry policies with exponential backoff; each stage chooses its numbers, and says why, where it uses them. */
public final class Retries {
  private Retries() {}

  /** Waits {@code first}, then twice as long each time up to {@code longest}, for at most {@code attempts} attempts. */
  public static RetryOptions backoff(Duration first, Duration longest, int attempts) {
    return RetryOptions.newBuilder().setInitialInterval(first).setBackoffCoefficient(2).setMaximumInterval(longest)
        .setMaximumAttempts(attempts).build();
  }
}
