package org.alexnet.pipelines.prepare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.ManifestJson;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The last step: checks that every input image was either written, quarantined or left out by the
 * class selection, then writes mean.npy and, last of all and atomically, manifest.json, which
 * commits the dataset.
 */
final class CommitFn extends DoFn<String, String> {
  static final String MEAN_FILE = "mean.npy";

  private final String root;
  private final String id;
  private final PrepareSettings settings;
  private final Map<String, String> inputs;
  private final Map<String, Manifest.Excluded> excludedByIndex;
  private final List<Manifest.ClassLabel> classes;
  private final PCollectionView<List<ShardResult>> shards;
  private final PCollectionView<List<Manifest.Quarantined>> quarantine;
  private final PCollectionView<Map<String, Long>> seen;
  private final PCollectionView<Map<String, Long>> excludedByScan;
  private final PCollectionView<Map<String, Integer>> shardCounts;
  private final PCollectionView<MeanAccumulator> mean;

  /** @param excludedByIndex per split, what the class selection left out before the scan */
  CommitFn(String root, String id, PrepareSettings settings, Map<String, String> inputs,
      Map<String, Manifest.Excluded> excludedByIndex, List<Manifest.ClassLabel> classes, Views views) {
    this.root = root;
    this.id = id;
    this.settings = settings;
    this.inputs = new java.util.LinkedHashMap<>(inputs);
    this.excludedByIndex = new TreeMap<>(excludedByIndex);
    this.classes = new ArrayList<>(classes);
    this.shards = views.shards();
    this.quarantine = views.quarantine();
    this.seen = views.seen();
    this.excludedByScan = views.excluded();
    this.shardCounts = views.shardCounts();
    this.mean = views.mean();
  }

  /** The side inputs the commit reads. */
  record Views(PCollectionView<List<ShardResult>> shards, PCollectionView<List<Manifest.Quarantined>> quarantine,
      PCollectionView<Map<String, Long>> seen, PCollectionView<Map<String, Long>> excluded,
      PCollectionView<Map<String, Integer>> shardCounts, PCollectionView<MeanAccumulator> mean)
      implements java.io.Serializable {}

  @ProcessElement
  public void process(ProcessContext c) throws IOException {
    Map<String, List<Manifest.Shard>> bySplit = new TreeMap<>();
    for (ShardResult r : c.sideInput(shards)) {
      bySplit.computeIfAbsent(r.split(), k -> new ArrayList<>()).add(r.shard());
    }
    List<Manifest.Quarantined> refused = new ArrayList<>(c.sideInput(quarantine));
    refused.sort(Comparator.comparing(Manifest.Quarantined::split).thenComparing(Manifest.Quarantined::file));
    Map<String, Long> inputCounts = c.sideInput(seen);

    Map<String, Long> skippedByScan = c.sideInput(excludedByScan);

    Map<String, Manifest.Split> splits = new TreeMap<>();
    Map<String, Manifest.Input> inputSummaries = new TreeMap<>();
    for (String split : new TreeSet<>(inputCounts.keySet())) {
      List<Manifest.Shard> files = bySplit.getOrDefault(split, new ArrayList<>());
      files.sort(Comparator.comparing(Manifest.Shard::path));
      long written = files.stream().mapToLong(Manifest.Shard::records).sum();
      long quarantined = refused.stream().filter(q -> q.split().equals(split)).count();
      long skipped = skippedByScan.getOrDefault(split, 0L);
      long total = inputCounts.get(split);
      if (written + quarantined + skipped != total) {
        throw new IllegalStateException(String.format("%s: %d input images but %d written + %d quarantined + %d of "
            + "classes left out: images were lost; the dataset is not committed", split, total, written, quarantined,
            skipped));
      }
      int expectedShards = c.sideInput(shardCounts).getOrDefault(split, 0);
      if (files.size() != expectedShards) {
        throw new IllegalStateException(split + ": " + files.size() + " shards written, " + expectedShards + " planned");
      }
      splits.put(split, new Manifest.Split(written, files));
      Manifest.Excluded before = excludedByIndex.get(split);
      inputSummaries.put(split, new Manifest.Input(inputs.get(split), total + (before == null ? 0 : before.files())));
    }
    Map<String, Manifest.Excluded> excluded = new TreeMap<>();
    excludedByIndex.forEach((split, e) -> excluded.put(split,
        new Manifest.Excluded(e.classes(), e.files() + skippedByScan.getOrDefault(split, 0L))));
    inputs.forEach((name, uri) -> inputSummaries.putIfAbsent(name, new Manifest.Input(uri, 1))); // devkit, label table

    MeanAccumulator stats = c.sideInput(mean);
    ByteArrayOutputStream npy = new ByteArrayOutputStream();
    stats.meanImage().write(npy);
    StorageUri out = StorageUri.parse(root);
    Storage.writeAtomically(out.resolve(MEAN_FILE), npy.toByteArray());

    Manifest manifest = new Manifest(Manifest.SCHEMA_VERSION, id, Instant.now().toString(), settings.asMap(), splits,
        inputSummaries, refused, stats.stats(MEAN_FILE), classes, excluded, Manifest.SORTED_NAME_LABELS);
    Storage.writeAtomically(out.resolve(Manifest.FILE_NAME), ManifestJson.write(manifest));
    c.output(manifest.id());
  }
}
