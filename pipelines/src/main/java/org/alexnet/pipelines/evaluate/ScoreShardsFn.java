package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.alexnet.trainer.data.InputCrops;
import org.alexnet.trainer.data.InputNormalization;
import org.alexnet.util.DaemonThreads;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Predicts every image of the validation shards it is given, in batches: the model is loaded once per
 * DoFn instance (one per worker slot) in {@link #setup}, and each batch is one forward pass (ten views
 * per image with {@link EvalViews#TEN}, whose softmax outputs are averaged). A bundle's shards are
 * read as one stream, so batches run on across shard ends: only the bundle's last batch is partial.
 * A helper thread reads the next batch's records while the current one runs through the network (at
 * a shard's start too), so storage latency hides behind the forward pass. Decoding them and cutting
 * the crops, the CPU work, run between forward passes on both cores: during one they would preempt
 * one of the network's two OpenMP threads, and both would wait for them at the next barrier.
 */
final class ScoreShardsFn extends DoFn<Manifest.Shard, Prediction> {
  static final String IMAGES = "images_scored";

  private final String datasetUri;
  private final ModelRef modelRef;
  private final EvalViews crops;
  private final int batchSize;
  private final String progressKey;
  private final Counter scored = Metrics.counter(ScoreShardsFn.class, IMAGES);
  private transient Dataset dataset;
  private transient MultiLayerNetwork net;
  private transient InputNormalization normalization;
  private transient int crop;
  private transient int classes;
  private transient ExecutorService reader;
  private transient ExecutorService cutter;
  /** Full batches' input values. */
  private transient float[] scratch;
  /**
   * The network input of full batches, reused: a fresh 38 MB array per batch (and its page faults)
   * cost as much as cutting the batch.
   */
  private transient INDArray fullBatch;
  /** The shards of the bundle in progress. */
  private transient List<Manifest.Shard> bundle;

  /** @param progressKey names this run's live count in {@link LiveCounters} ({@link #IMAGES}) */
  ScoreShardsFn(String datasetUri, ModelRef modelRef, EvalViews crops, int batchSize, String progressKey) {
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
    reader = Executors.newSingleThreadExecutor(DaemonThreads.named("evaluate-reader"));
    cutter = Executors.newSingleThreadExecutor(DaemonThreads.named("evaluate-cutter"));
  }

  @Teardown
  public void teardown() {
    for (ExecutorService pool : new ExecutorService[] {reader, cutter}) {
      if (pool != null) {
        pool.shutdownNow();
      }
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
      // The helper thread reads batch n+1 while this one decodes and cuts batch n and runs it through the network.
      Future<List<byte[]>> next = reader.submit(() -> read(records));
      try {
        for (List<byte[]> raw = next.get(); raw != null; raw = next.get()) {
          next = reader.submit(() -> read(records));
          ImageRecord[] batch = new ImageRecord[raw.size()];
          INDArray x = decodeAndCut(raw, batch);
          predict(Arrays.asList(batch), x,
              p -> context.output(p, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE));
        }
      } finally {
        finishQuietly(next); // closing the records ends next's reads: let the helper be done with them first
      }
    }
    bundle = null;
  }

  /** The next batch's serialized records; null after the last record. Runs on the helper thread only. */
  private List<byte[]> read(ShardRecords records) throws IOException {
    List<byte[]> batch = new ArrayList<>(batchSize);
    byte[] data;
    while (batch.size() < batchSize && (data = records.next()) != null) {
      batch.add(data);
    }
    return batch.isEmpty() ? null : batch;
  }

  private static void finishQuietly(Future<List<byte[]>> pending) {
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // the batch is not wanted any more (this shard is already failing): only its end matters
    }
  }

  /**
   * Decodes the batch's records into {@code batch} and returns its network input. The network is
   * idle meanwhile, so both cores work: half the images on the cutter thread, half here, each half
   * copied into the reused input array by its own thread.
   */
  private INDArray decodeAndCut(List<byte[]> raw, ImageRecord[] batch) throws Exception {
    int views = crops == EvalViews.TEN ? InputCrops.TEN : 1;
    int stride = views * 3 * crop * crop;
    boolean full = batch.length == batchSize;
    long[] shape = {(long) batch.length * views, 3, crop, crop};
    if (full && scratch == null) {
      scratch = new float[batch.length * stride];
      fullBatch = Nd4j.create(DataType.FLOAT, shape, 'c');
    }
    float[] values = full ? scratch : new float[batch.length * stride]; // a shard's last batch is smaller
    // One bulk copy per half: DataBuffer.setData puts the values one by one (a tenth of scoring time).
    FloatBuffer target = full ? fullBatch.data().asNioFloat().slice() : null;
    int half = batch.length / 2;
    Future<?> firstHalf = cutter.submit(() -> decodeAndCut(raw, batch, 0, half, values, stride, target));
    decodeAndCut(raw, batch, half, batch.length, values, stride, target);
    try {
      firstHalf.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (!full) {
      return Nd4j.create(values, shape, 'c');
    }
    Nd4j.getAffinityManager().tagLocation(fullBatch, AffinityManager.Location.HOST); // written on the host
    return fullBatch;
  }

  /** Decodes and cuts images [from, to) into {@code values} and, when given, copies them on into {@code target}. */
  private void decodeAndCut(List<byte[]> raw, ImageRecord[] batch, int from, int to, float[] values, int stride,
      FloatBuffer target) {
    for (int i = from; i < to; i++) {
      batch[i] = ExampleCodec.decode(raw.get(i));
      if (crops == EvalViews.TEN) {
        InputCrops.ten(batch[i], crop, normalization, values, i * stride);
      } else {
        InputCrops.centre(batch[i], crop, normalization, values, i * stride);
      }
    }
    if (target != null) {
      target.put(from * stride, values, from * stride, (to - from) * stride);
    }
  }

  private void predict(List<ImageRecord> batch, INDArray x, Consumer<Prediction> out) {
    int views = crops == EvalViews.TEN ? InputCrops.TEN : 1;
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
