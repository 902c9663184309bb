package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ShardWriter;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.pipelines.prepare.image.ChannelMoments;
import org.alexnet.pipelines.prepare.image.ImageHeader;
import org.alexnet.pipelines.prepare.image.ImagePreparer;
import org.alexnet.pipelines.prepare.image.PreparedImage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Writes one shard: reads its images in their placed order straight from the archives, checks,
 * decodes, resizes and encodes each, and appends it to the shard file. Pixels never cross a
 * shuffle, and memory holds one image at a time. Anything that is not a good image goes to the
 * quarantine with its reason; training images are added to this bundle's mean.
 */
final class WriteShardFn extends DoFn<KV<ShardKey, Iterable<List<Placed>>>, ShardResult> {
  static final TupleTag<ShardResult> SHARDS = new TupleTag<>() {};
  static final TupleTag<Manifest.Quarantined> QUARANTINED = new TupleTag<>() {};
  static final TupleTag<MeanAccumulator> MEAN = new TupleTag<>() {};

  private final Counter written = Metrics.counter(WriteShardFn.class, "imagesWritten");
  private final Counter rejected = Metrics.counter(WriteShardFn.class, "imagesQuarantined");
  private final String root;
  private final PrepareSettings settings;
  private final String progressKey;
  private transient ImagePreparer preparer;
  private transient ChannelMoments moments;
  private transient MeanAccumulator mean;

  WriteShardFn(String root, PrepareSettings settings, String progressKey) {
    this.root = root;
    this.settings = settings;
    this.progressKey = progressKey;
  }

  @Setup
  public void setup() {
    preparer = new ImagePreparer(settings.size(), settings.crop());
    moments = new ChannelMoments();
  }

  @StartBundle
  public void startBundle() {
    mean = new MeanAccumulator(settings.size());
  }

  @ProcessElement
  public void process(@Element KV<ShardKey, Iterable<List<Placed>>> shard, MultiOutputReceiver out) throws IOException {
    List<Placed> placed = new ArrayList<>();
    shard.getValue().forEach(placed::addAll);
    placed.sort(Comparator.comparingLong(Placed::position));
    try (MemberReader reader = new MemberReader(); ShardWriter writer = new ShardWriter(root, shard.getKey().shard())) {
      for (Placed p : placed) {
        byte[] record = prepare(p.member(), reader.read(p.member()), out);
        if (record != null) {
          writer.writeEncoded(record);
        }
        PrepareProgress.recordDone(progressKey, p.member().split());
      }
      writer.close();
      out.get(SHARDS).output(new ShardResult(shard.getKey().split(), writer.shard()));
    }
  }

  /** The record for a good image, or null when it was quarantined. */
  private byte[] prepare(Member m, byte[] file, MultiOutputReceiver out) {
    ImageHeader.Rejection rejection = ImageHeader.check(file, settings.maxPixels());
    if (rejection != null) {
      return reject(m, rejection.reason(), rejection.detail(), out);
    }
    PreparedImage image;
    try {
      image = preparer.prepare(file, ImageHeader.parse(file));
    } catch (RuntimeException e) {
      return reject(m, QuarantineReason.CORRUPT, "cannot be decoded: " + e.getMessage(), out);
    }
    if (m.split().equals(Dataset.TRAIN)) {
      mean.add(image.rgb(), image.width(), image.height(), moments);
    }
    byte[] pixels = settings.encoding() == PixelFormat.JPEG ? preparer.jpeg(image, settings.quality()) : image.rgb();
    written.inc();
    return ExampleCodec.encode(new ImageRecord(pixels, settings.encoding(), image.height(), image.width(), 3, "RGB",
        m.label(), m.className(), m.text(), m.name()));
  }

  private byte[] reject(Member m, QuarantineReason reason, String detail, MultiOutputReceiver out) {
    rejected.inc();
    out.get(QUARANTINED).output(new Manifest.Quarantined(m.file(), m.split(), reason, detail));
    return null;
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    if (mean.images() > 0) {
      context.output(MEAN, mean, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
    }
  }

  @Teardown
  public void teardown() {
    if (preparer != null) {
      preparer.close();
    }
    if (moments != null) {
      moments.close();
    }
  }
}
