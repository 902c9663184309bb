package org.alexnet.workflows.run;

/**
 * One stage of a run as run.json and {@code alexnet status} show it.
 *
 * @param status pending, running, done, skipped (its result was already in storage), failed or cancelled
 * @param attempts the attempts it took (0 before the first ends)
 * @param code the code version of the worker whose attempt counted
 */
public record StageRecord(String name, String status, int attempts, double seconds, String detail, String code) {
  StageRecord with(String newStatus, int newAttempts, double newSeconds, String newDetail, String newCode) {
    return new StageRecord(name, newStatus, newAttempts, newSeconds, newDetail, newCode);
  }
}
