package org.alexnet.pipelines.prepare;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.dataset.manifest.ShardName;
import org.alexnet.storage.Sha256;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Decides, for one split, where every image goes: a seeded shuffle (order by a hash of seed, split
 * and name), then round-robin over the shards (keyed by shard name), so shards differ by at most one image and the same
 * inputs and seed always give the same placement. A second file with a name already taken is a
 * duplicate (the first in archive order is kept). Holds the split's member list (names, not pixels).
 */
final class PlaceMembersFn extends DoFn<KV<String, Iterable<List<Member>>>, KV<ShardKey, List<Placed>>> {
  /** One element per shard: its members in their placed order. */
  static final TupleTag<KV<ShardKey, List<Placed>>> PLACED = new TupleTag<>() {};
  static final TupleTag<Manifest.Quarantined> DUPLICATES = new TupleTag<>() {};
  static final TupleTag<KV<String, Integer>> SHARD_COUNTS = new TupleTag<>() {};

  private final PrepareSettings settings;
  private final ShardRoutes routes;
  private final String progressKey;

  PlaceMembersFn(PrepareSettings settings, ShardRoutes routes, String progressKey) {
    this.settings = settings;
    this.routes = routes;
    this.progressKey = progressKey;
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<List<Member>>> split, MultiOutputReceiver out) {
    String name = split.getKey();
    List<Member> members = new ArrayList<>();
    split.getValue().forEach(members::addAll);
    // A file is its name within its class: ImageFolder trees reuse names ("0.jpg") across class folders,
    // while ILSVRC's names are unique, so their order (and shards) are what they were before classes counted.
    members.sort(Comparator.comparing(Member::name).thenComparing(Member::className, Comparator.nullsFirst(
        Comparator.naturalOrder())).thenComparing(Member::uri).thenComparingLong(Member::offset));

    MessageDigest sha = Sha256.newDigest();
    List<Keyed> kept = new ArrayList<>(members.size());
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      Member previous = i > 0 ? members.get(i - 1) : null;
      if (previous != null && previous.name().equals(m.name())
          && java.util.Objects.equals(previous.className(), m.className())) {
        PrepareProgress.recordDone(progressKey, name);
        out.get(DUPLICATES).output(new Manifest.Quarantined(m.file(), name, QuarantineReason.DUPLICATE,
            "same name as " + members.get(i - 1).file()));
      } else {
        kept.add(new Keyed(shuffleKey(sha, name, m.name()), m));
      }
    }
    kept.sort(Comparator.comparingLong(Keyed::key).thenComparing(k -> k.member().name())
        .thenComparing(k -> k.member().className(), Comparator.nullsFirst(Comparator.naturalOrder())));
    int shards = kept.isEmpty() ? 0 : settings.shards(name, kept.size());
    List<List<Placed>> contents = new ArrayList<>(shards);
    for (int shard = 0; shard < shards; shard++) {
      contents.add(new ArrayList<>(kept.size() / shards + 1));
    }
    for (int rank = 0; rank < kept.size(); rank++) {
      contents.get(rank % shards).add(new Placed(kept.get(rank).member(), rank / shards));
    }
    for (int shard = 0; shard < shards; shard++) {
      out.get(PLACED).output(KV.of(routes.key(ShardName.of(name, shard, shards), shard), contents.get(shard)));
    }
    out.get(SHARD_COUNTS).output(KV.of(name, shards));
  }

  private long shuffleKey(MessageDigest sha, String split, String fileName) {
    byte[] h = sha.digest((settings.seed() + "/" + split + "/" + fileName).getBytes(StandardCharsets.UTF_8));
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (h[i] & 0xff);
    }
    return key;
  }

  private record Keyed(long key, Member member) {}
}
