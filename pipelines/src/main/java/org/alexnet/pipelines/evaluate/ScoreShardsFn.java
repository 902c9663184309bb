package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ShardRecords;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.pipelines.LiveCounters;
import org.alexnet.trainer.TrainedModel;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.data.Crops;
import org.alexnet.trainer.data.InputNormalization;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Predicts every image of the validation shards it is given, in batches: the model is loaded once per
 * DoFn instance (one per worker slot) in {@link #setup}, and each batch is one forward pass (ten views
 * per image with {@link CropMode#TEN}, whose softmax outputs are averaged). A bundle's shards are
 * read as one stream, so batches run on across shard ends: only the bundle's last batch is partial,
 * and the next batch is read, decoded and cut on a helper thread while the current one runs through
 * the network (at a shard's start too).
 */
final class ScoreShardsFn extends DoFn<Manifest.Shard, Prediction> {
  static final String IMAGES = "images_scored";

  private final String datasetUri;
  private final ModelRef modelRef;
  private final CropMode crops;
  private final int batchSize;
  private final String progressKey;
  private final Counter scored = Metrics.counter(ScoreShardsFn.class, IMAGES);
  private transient Dataset dataset;
  private transient MultiLayerNetwork net;
  private transient InputNormalization normalization;
  private transient int crop;
  private transient int classes;
  private transient ExecutorService inputs;
  /** Full batches' input values, reused by the (single) cutting thread. */
  private transient float[] scratch;
  /**
   * Two full-batch network inputs, filled in turn: one is in the network while the helper fills the
   * other. A fresh 38 MB array per batch (and its page faults) cost as much as cutting the batch.
   */
  private transient INDArray[] fullBatches;
  private transient int nextFull;
  /** The shards of the bundle in progress. */
  private transient List<Manifest.Shard> bundle;

  /** A batch's records and the network input cut from them. */
  private record Inputs(List<ImageRecord> records, INDArray x) {}

  /** @param progressKey names this run's live count in {@link LiveCounters} ({@link #IMAGES}) */
  ScoreShardsFn(String datasetUri, ModelRef modelRef, CropMode crops, int batchSize, String progressKey) {
    this.progressKey = progressKey;
    this.datasetUri = datasetUri;
    this.modelRef = modelRef;
    this.crops = crops;
    this.batchSize = batchSize;
  }

  @Setup
  public void setup() throws IOException {
    OneDnn.enable();
    dataset = Dataset.open(datasetUri);
    TrainedModel model = modelRef.describe();
    net = model.loadNetwork();
    normalization = model.inputNormalization(dataset);
    crop = model.cropSize();
    classes = model.shape().classes();
    inputs = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "evaluate-inputs");
      t.setDaemon(true);
      return t;
    });
  }

  @Teardown
  public void teardown() {
    if (inputs != null) {
      inputs.shutdownNow();
    }
  }

  @StartBundle
  public void startBundle() {
    bundle = new ArrayList<>();
  }

  /** Collects the shard: the bundle's shards are scored together when it finishes. */
  @ProcessElement
  public void process(@Element Manifest.Shard shard) {
    bundle.add(shard);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws Exception {
    try (ShardRecords records = new ShardRecords(dataset, bundle)) {
      // The helper thread reads, decodes and cuts batch n+1 while this one runs batch n through the network.
      Future<Inputs> next = inputs.submit(() -> readAndCut(records));
      try {
        for (Inputs batch = next.get(); batch != null; batch = next.get()) {
          next = inputs.submit(() -> readAndCut(records));
          predict(batch, p -> context.output(p, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
        }
      } finally {
        finishQuietly(next); // closing the records ends next's reads: let the helper be done with them first
      }
    }
    bundle = null;
  }

  /** The next batch, cut; null after the last record. Runs on the helper thread only. */
  private Inputs readAndCut(ShardRecords records) throws IOException {
    List<ImageRecord> batch = new ArrayList<>(batchSize);
    byte[] data;
    while (batch.size() < batchSize && (data = records.next()) != null) {
      batch.add(ExampleCodec.decode(data));
    }
    return batch.isEmpty() ? null : cut(batch);
  }

  private static void finishQuietly(Future<Inputs> pending) {
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the batch is not wanted any more (this shard is already failing): only its end matters
    }
  }

  private Inputs cut(List<ImageRecord> batch) {
    int views = crops == CropMode.TEN ? Crops.TEN : 1;
    int size = 3 * crop * crop;
    boolean full = batch.size() == batchSize;
    long[] shape = {(long) batch.size() * views, 3, crop, crop};
    if (full && scratch == null) {
      scratch = new float[batch.size() * views * size];
      fullBatches = new INDArray[] {Nd4j.create(DataType.FLOAT, shape, 'c'), Nd4j.create(DataType.FLOAT, shape, 'c')};
    }
    float[] values = full ? scratch : new float[batch.size() * views * size]; // a shard's last batch is smaller
    for (int i = 0; i < batch.size(); i++) {
      if (views == 1) {
        Crops.centre(batch.get(i), crop, normalization, values, i * size);
      } else {
        Crops.ten(batch.get(i), crop, normalization, values, i * views * size);
      }
    }
    if (!full) {
      return new Inputs(batch, Nd4j.create(values, shape, 'c'));
    }
    INDArray x = fullBatches[nextFull];
    nextFull = 1 - nextFull;
    // One bulk copy: DataBuffer.setData puts the 9.6 million values one by one (a tenth of scoring time).
    x.data().asNioFloat().slice().put(values, 0, values.length);
    return new Inputs(batch, x);
  }

  private void predict(Inputs in, Consumer<Prediction> out) {
    List<ImageRecord> batch = in.records();
    int views = crops == CropMode.TEN ? Crops.TEN : 1;
    INDArray x = in.x();
    float[] probabilities = net.output(x, false).dup('c').data().asFloat();
    float[] averaged = views == 1 ? probabilities : Ranking.meanOfViews(probabilities, batch.size(), views, classes);
    long now = System.currentTimeMillis();
    for (int i = 0; i < batch.size(); i++) {
      ImageRecord r = batch.get(i);
      out.accept(new Prediction(r.filename(), r.label(), Ranking.top5(averaged, i * classes, classes), now));
    }
    scored.inc(batch.size());
    LiveCounters.add(progressKey, IMAGES, batch.size());
  }
}
