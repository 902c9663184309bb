package org.alexnet.pipelines;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts that workers in this JVM (Flink [local], the direct runner) update as they go, for live
 * progress bars; on a remote cluster they stay at zero and Flink's UI shows Beam's metrics instead.
 * Each run has its own key, so concurrent runs do not mix.
 */
public final class LiveCounters {
  private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

  private LiveCounters() {}

  public static void add(String run, String name, long delta) {
    counter(run, name).addAndGet(delta);
  }

  public static long get(String run, String name) {
    return counter(run, name).get();
  }

  private static AtomicLong counter(String run, String name) {
    return COUNTS.computeIfAbsent(run + "/" + name, k -> new AtomicLong());
  }
}
