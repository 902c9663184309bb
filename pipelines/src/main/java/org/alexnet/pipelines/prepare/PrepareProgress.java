package org.alexnet.pipelines.prepare;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counts for the progress display. Workers in this JVM (Flink [local], the direct runner)
 * update them as they go; on a remote cluster they stay at zero and Flink's UI shows Beam's metrics.
 */
public final class PrepareProgress {
  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private PrepareProgress() {}

  static void recordFound(String run, String split) {
    counter(run, split, "found").incrementAndGet();
  }

  static void recordDone(String run, String split) {
    counter(run, split, "done").incrementAndGet();
  }

  /** Images found so far by the scan of a split. */
  public static long found(String run, String split) {
    return counter(run, split, "found").get();
  }

  /** Images written or quarantined so far. */
  public static long done(String run, String split) {
    return counter(run, split, "done").get();
  }

  private static AtomicLong counter(String run, String split, String what) {
    return COUNTS.computeIfAbsent(run + "/" + split + "/" + what, k -> new AtomicLong());
  }
}
