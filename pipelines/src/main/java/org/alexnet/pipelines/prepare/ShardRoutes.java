package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.flink.util.MathUtils;

/**
 * Spreads shards evenly over Flink's batch workers. Flink's batch runner sends the group of key K
 * to worker {@code murmurHash(Arrays.hashCode(encoded K and window)) % parallelism}, so 300 shards
 * keyed by name alone land as unevenly as coin flips (160 and 140, say), and the busier worker
 * writes alone for the last seconds of a run. Here a shard's key carries the first route number
 * that sends it to worker {@code ordinal % workers}. On other runners (or with one worker) the
 * route is 0 and the keys are just the shard names; the grouping is the same either way.
 */
final class ShardRoutes implements Serializable {
  private static final byte[] GLOBAL_WINDOW = encodedGlobalWindow();
  private final int workers;

  /** @param workers the Flink parallelism the groups are spread over; below 2, no routing */
  ShardRoutes(int workers) {
    this.workers = workers;
  }

  /** The key for a split's shard number {@code ordinal}. */
  ShardKey key(String shard, int ordinal) {
    if (workers < 2) {
      return new ShardKey(shard, 0);
    }
    int target = ordinal % workers;
    for (int route = 0; ; route++) {
      ShardKey key = new ShardKey(shard, route);
      if (worker(key, workers) == target) {
        return key;
      }
    }
  }

  /** The worker Flink's batch runner hash-partitions this key to (its DataSet OutputEmitter). */
  static int worker(ShardKey key, int workers) {
    try {
      byte[] encoded = CoderUtils.encodeToByteArray(ShardKey.CODER, key);
      byte[] grouped = Arrays.copyOf(encoded, encoded.length + GLOBAL_WINDOW.length);
      System.arraycopy(GLOBAL_WINDOW, 0, grouped, encoded.length, GLOBAL_WINDOW.length);
      return MathUtils.murmurHash(Arrays.hashCode(grouped)) % workers;
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encodedGlobalWindow() {
    try {
      return CoderUtils.encodeToByteArray(GlobalWindow.Coder.INSTANCE, GlobalWindow.INSTANCE);
    } catch (CoderException e) {
      throw new IllegalStateException(e);
    }
  }
}
