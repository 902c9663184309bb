package org.alexnet.pipelines.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alexnet.dataset.manifest.ShardName;
import org.alexnet.storage.StorageConfig;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** Routed shard keys reach the worker they were routed to, on the real embedded Flink. */
class ShardRoutesTest {
  /** Flink names a task's thread after its operators and "(subtask/parallelism)#attempt". */
  private static final Pattern SUBTASK = Pattern.compile("\\((\\d+)/(\\d+)\\)#\\d+$");
  private static final Map<String, Integer> WRITTEN_BY = new ConcurrentHashMap<>();

  @Test
  void shardsAreSpreadEvenlyOverTheWorkers() {
    int shards = 40;
    ShardRoutes routes = new ShardRoutes(2);
    List<KV<ShardKey, Integer>> placed = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      ShardKey key = routes.key(ShardName.of("train", s, shards), s);
      assertEquals(s % 2, ShardRoutes.worker(key, 2));
      placed.add(KV.of(key, s));
      placed.add(KV.of(key, s + shards));
    }

    Pipeline p = Pipeline.create(PrepareRuns.flink(StorageConfig.defaults()).options("shard-routes"));
    p.apply(Create.of(placed).withCoder(KvCoder.of(ShardKey.CODER, VarIntCoder.of())))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new RecordWorker()));
    p.run().waitUntilFinish();

    assertEquals(shards, WRITTEN_BY.size());
    for (int s = 0; s < shards; s++) {
      assertEquals(s % 2, WRITTEN_BY.get(ShardName.of("train", s, shards)), "worker of shard " + s);
    }
  }

  @Test
  void withoutSeveralWorkersTheKeyIsTheShardName() {
    assertEquals(new ShardKey("train-00003-of-00010", 0), new ShardRoutes(1).key("train-00003-of-00010", 3));
    assertEquals("train", new ShardKey("train-00003-of-00010", 0).split());
  }

  private static final class RecordWorker extends DoFn<KV<ShardKey, Iterable<Integer>>, Void> {
    @ProcessElement
    public void process(@Element KV<ShardKey, Iterable<Integer>> shard) {
      Matcher m = SUBTASK.matcher(Thread.currentThread().getName());
      if (!m.find()) {
        throw new IllegalStateException("not a Flink task thread: " + Thread.currentThread().getName());
      }
      WRITTEN_BY.put(shard.getKey().shard(), Integer.parseInt(m.group(1)) - 1);
    }
  }
}
