package org.alexnet.workflows.stage;

import io.temporal.activity.Activity;

/**
 * Which attempt of an activity did the work, and with what code: what run.json records per stage.
 *
 * @param attempt 1 for the first try
 * @param code {@link CodeVersion} of the worker that ran it
 * @param worker the worker's identity (process and host)
 */
public record AttemptInfo(int attempt, String code, String worker) {
  /** This activity's attempt, inside an activity. */
  public static AttemptInfo current() {
    var info = Activity.getExecutionContext().getInfo();
    return new AttemptInfo(info.getAttempt(), CodeVersion.current(), java.lang.management.ManagementFactory
        .getRuntimeMXBean().getName());
  }
}
