package org.alexnet.pipelines.prepare;

import org.alexnet.pipelines.LiveCounters;

/** The prepare pipeline's live counts, per split: images found by the scan, and images done. */
public final class PrepareProgress {
  private PrepareProgress() {}

  static void recordFound(String run, String split, long files) {
    LiveCounters.add(run, split + "/found", files);
  }

  static void recordDone(String run, String split) {
    recordDone(run, split, 1);
  }

  static void recordDone(String run, String split, long files) {
    LiveCounters.add(run, split + "/done", files);
  }

  /** Images found so far by the scan of a split. */
  public static long found(String run, String split) {
    return LiveCounters.get(run, split + "/found");
  }

  /** Images written or quarantined so far. */
  public static long done(String run, String split) {
    return LiveCounters.get(run, split + "/done");
  }
}
