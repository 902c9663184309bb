package org.alexnet.workflows.stage;

import io.temporal.failure.ApplicationFailure;
import java.io.FileNotFoundException;
import org.alexnet.trainer.checkpoint.CheckpointsTakenOver;
import org.alexnet.trainer.weights.UnsafePickleException;

/**
 * Turns what a stage threw into the failure Temporal sees. Bad input and bad configuration cannot be
 * fixed by trying again, so they fail the run at once in one sentence; anything else (a storage or
 * cluster hiccup, a lost worker) is retried with backoff by the stage's retry policy.
 */
public final class StageFailures {
  /** Failure types, for the retry policies' and the tests' sake. */
  public static final String INVALID_INPUT = "InvalidInput";
  public static final String DIVERGED = "TrainingDiverged";
  public static final String TAKEN_OVER = "CheckpointsTakenOver";
  public static final String TRANSIENT = "StageError";

  private StageFailures() {}

  /** The failure to throw for {@code error}, found anywhere in its causes (Beam wraps what its workers throw). */
  public static ApplicationFailure of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String type = nonRetryableType(t);
      if (type != null) {
        return ApplicationFailure.newNonRetryableFailureWithCause(message(t), type, null, attempt());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return ApplicationFailure.newFailureWithCause(message(error), TRANSIENT, error, attempt());
  }

  /** The attempt that failed, carried in the failure's details so that run.json can count attempts. */
  private static int attempt() {
    try {
      return io.temporal.activity.Activity.getExecutionContext().getInfo().getAttempt();
    } catch (IllegalStateException notInAnActivity) {
      return 0;
    }
  }

  /** The attempt number a failure from {@link #of} carries, or 0. */
  public static int attemptOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure app && app.getDetails() != null && app.getDetails().getSize() > 0) {
        try {
          Integer attempt = app.getDetails().get(Integer.class);
          return attempt == null ? 0 : attempt;
        } catch (RuntimeException notANumber) {
          return 0;
        }
      }
    }
    return 0;
  }

  private static String nonRetryableType(Throwable t) {
    if (t instanceof ArithmeticException) {
      return DIVERGED;
    }
    if (t instanceof CheckpointsTakenOver) {
      return TAKEN_OVER;
    }
    boolean badInput = t instanceof IllegalArgumentException || t instanceof FileNotFoundException
        || t instanceof UnsafePickleException || t instanceof java.nio.file.NoSuchFileException;
    return badInput ? INVALID_INPUT : null;
  }

  private static String message(Throwable t) {
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
