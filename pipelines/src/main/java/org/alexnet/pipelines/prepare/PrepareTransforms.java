package org.alexnet.pipelines.prepare;

import java.util.List;
import org.alexnet.dataset.manifest.Manifest;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The prepare pipeline, stage by stage:
 * <ol>
 *   <li>ScanArchives: list each class tar / run of val members from its headers, label, refuse bad entries;
 *   <li>PlaceInShards: per split, a seeded shuffle and round-robin over shards (names only, no pixels);
 *   <li>WriteShards: per shard, read its images from the archives in placed order, decode, resize,
 *       encode and append, with sha256; partial training means;
 *   <li>Commit: counts must add up; mean.npy, then manifest.json.
 * </ol>
 * Only names and offsets are shuffled; pixels go from the archive to their shard within one task.
 */
final class PrepareTransforms {
  private PrepareTransforms() {}

  /** @param workers the Flink parallelism shards are spread over evenly (below 2: no spreading) */
  static void build(Pipeline p, InputIndex index, PrepareSettings settings, int workers, String root, String id,
      String progressKey) {
    PCollectionTuple scanned = p
        .apply("ListInputs", Create.of(index.tasks()).withCoder(SerializableCoder.of(ScanTask.class)))
        .apply("Spread", Reshuffle.viaRandomKey())
        .apply("ScanArchives", ParDo.of(new ScanMembersFn(index.labels(), settings.maxFileBytes(), progressKey))
            .withOutputTags(ScanMembersFn.MEMBERS, TupleTagList.of(ScanMembersFn.REFUSED).and(ScanMembersFn.SEEN)
                .and(ScanMembersFn.EXCLUDED)));

    PCollectionTuple placed = scanned.get(ScanMembersFn.MEMBERS)
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(Member.CODER)))
        .apply("GroupBySplit", GroupByKey.create())
        .apply("PlaceInShards", ParDo.of(new PlaceMembersFn(settings, new ShardRoutes(workers), progressKey))
            .withOutputTags(PlaceMembersFn.PLACED,
                TupleTagList.of(PlaceMembersFn.DUPLICATES).and(PlaceMembersFn.SHARD_COUNTS)));

    PCollectionTuple written = placed.get(PlaceMembersFn.PLACED)
        .setCoder(KvCoder.of(ShardKey.CODER, ListCoder.of(Placed.CODER)))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteShards", ParDo.of(new WriteShardFn(root, settings, progressKey)).withOutputTags(
            WriteShardFn.SHARDS, TupleTagList.of(WriteShardFn.QUARANTINED).and(WriteShardFn.MEAN)));
    PCollection<ShardResult> shards = written.get(WriteShardFn.SHARDS).setCoder(SerializableCoder.of(ShardResult.class));

    var quarantinedCoder = SerializableCoder.of(Manifest.Quarantined.class);
    PCollection<Manifest.Quarantined> refusedByDriver = p.apply("RefusedWhileIndexing",
        Create.of(index.refused()).withCoder(quarantinedCoder));
    PCollection<Manifest.Quarantined> quarantine = PCollectionList.of(refusedByDriver)
        .and(scanned.get(ScanMembersFn.REFUSED).setCoder(quarantinedCoder))
        .and(placed.get(PlaceMembersFn.DUPLICATES).setCoder(quarantinedCoder))
        .and(written.get(WriteShardFn.QUARANTINED).setCoder(quarantinedCoder))
        .apply("AllQuarantined", Flatten.pCollections());

    var countCoder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollection<KV<String, Long>> seen = PCollectionList
        .of(scanned.get(ScanMembersFn.SEEN).setCoder(countCoder))
        .and(refusedByDriver.apply("CountRefused", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((Manifest.Quarantined q) -> KV.of(q.split(), 1L))).setCoder(countCoder))
        .apply("AllSeen", Flatten.pCollections())
        .apply("InputsPerSplit", Sum.longsPerKey());

    PCollection<KV<String, Long>> skipped = scanned.get(ScanMembersFn.EXCLUDED).setCoder(countCoder)
        .apply("ExcludedPerSplit", Sum.longsPerKey());

    CommitFn.Views views = new CommitFn.Views(
        shards.apply("ShardList", View.asList()),
        quarantine.apply("QuarantineList", View.asList()),
        seen.apply("SeenMap", View.asMap()),
        skipped.apply("ExcludedMap", View.asMap()),
        placed.get(PlaceMembersFn.SHARD_COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
            .apply("ShardCountMap", View.asMap()),
        written.get(WriteShardFn.MEAN).setCoder(SerializableCoder.of(MeanAccumulator.class))
            .apply("TrainingMean", Combine.globally(new MeanCombineFn(settings.size())).asSingletonView()));

    p.apply("Start", Create.of(List.of("commit")))
        .apply("Commit", ParDo.of(new CommitFn(root, id, settings, index.inputs(), index.excluded(),
            index.labels().classes().labels(), views))
            .withSideInputs(views.shards(), views.quarantine(), views.seen(), views.excluded(), views.shardCounts(),
                views.mean()));
  }
}
