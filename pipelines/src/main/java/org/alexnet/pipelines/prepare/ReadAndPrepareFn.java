package org.alexnet.pipelines.prepare;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.dataset.manifest.ShardName;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.pipelines.prepare.archive.TarRangeReader;
import org.alexnet.pipelines.prepare.image.ImageHeader;
import org.alexnet.pipelines.prepare.image.ImagePreparer;
import org.alexnet.pipelines.prepare.image.PreparedImage;
import org.alexnet.storage.Storage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads the placed images of one byte range in a single sequential pass, checks, decodes, resizes
 * and encodes each into a record keyed by its shard, and adds training images to this bundle's mean.
 * Anything that is not a good image goes to the quarantine with its reason; nothing is dropped.
 */
final class ReadAndPrepareFn extends DoFn<KV<String, Iterable<Placed>>, KV<String, KV<Long, byte[]>>> {
  static final TupleTag<KV<String, KV<Long, byte[]>>> RECORDS = new TupleTag<>() {};
  static final TupleTag<Manifest.Quarantined> REJECTED = new TupleTag<>() {};
  static final TupleTag<MeanAccumulator> MEAN = new TupleTag<>() {};

  private static final int READ_BUFFER = 1 << 20;

  private final Counter written = Metrics.counter(ReadAndPrepareFn.class, "imagesPrepared");
  private final Counter rejected = Metrics.counter(ReadAndPrepareFn.class, "imagesQuarantined");
  private final PrepareSettings settings;
  private final String progressKey;
  private transient ImagePreparer preparer;
  private transient MeanAccumulator mean;

  ReadAndPrepareFn(PrepareSettings settings, String progressKey) {
    this.settings = settings;
    this.progressKey = progressKey;
  }

  @Setup
  public void setup() {
    preparer = new ImagePreparer(settings.size(), settings.crop());
  }

  @StartBundle
  public void startBundle() {
    mean = new MeanAccumulator(settings.size());
  }

  @ProcessElement
  public void process(@Element KV<String, Iterable<Placed>> range, MultiOutputReceiver out) throws IOException {
    List<Placed> placed = new ArrayList<>();
    range.getValue().forEach(placed::add);
    placed.sort(Comparator.comparingLong(p -> p.member().offset()));
    Member first = placed.get(0).member();
    try (SeekableByteChannel channel = Storage.openSeekable(first.uri())) {
      channel.position(first.rangeStart());
      try (TarRangeReader reader = new TarRangeReader(
          new BufferedInputStream(Channels.newInputStream(channel), READ_BUFFER), first.rangeStart(), first.file())) {
        for (Placed p : placed) {
          byte[] file = reader.read(p.member().offset(), (int) p.member().size());
          prepare(p, file, out);
          PrepareProgress.recordDone(progressKey, p.member().split());
        }
      }
    }
  }

  private void prepare(Placed p, byte[] file, MultiOutputReceiver out) {
    Member m = p.member();
    ImageHeader.Rejection rejection = ImageHeader.check(file, settings.maxPixels());
    if (rejection != null) {
      reject(m, rejection.reason(), rejection.detail(), out);
      return;
    }
    PreparedImage image;
    try {
      image = preparer.prepare(file, ImageHeader.parse(file));
    } catch (RuntimeException e) {
      reject(m, QuarantineReason.CORRUPT, "cannot be decoded: " + e.getMessage(), out);
      return;
    }
    if (m.split().equals(Dataset.TRAIN)) {
      mean.add(image.rgb(), image.width(), image.height());
    }
    byte[] pixels = settings.encoding() == PixelFormat.JPEG ? preparer.jpeg(image, settings.quality()) : image.rgb();
    ImageRecord record = new ImageRecord(pixels, settings.encoding(), image.height(), image.width(), 3, "RGB",
        m.label(), m.wnid(), m.text(), m.name());
    String shard = ShardName.of(m.split(), p.shard(), p.shards());
    out.get(RECORDS).output(KV.of(shard, KV.of(p.position(), ExampleCodec.encode(record))));
    written.inc();
  }

  private void reject(Member m, QuarantineReason reason, String detail, MultiOutputReceiver out) {
    rejected.inc();
    out.get(REJECTED).output(new Manifest.Quarantined(m.file(), m.split(), reason, detail));
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
  }
}
