package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.LiveCounters;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.storage.Storage;
import org.alexnet.trainer.TrainedModel;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.data.Crops;
import org.alexnet.trainer.data.InputNormalization;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads one validation shard and predicts every image in it, in batches: the model is loaded once
 * per DoFn instance (one per worker slot) in {@link #setup}, and each batch is one forward pass
 * (ten views per image with {@link CropMode#TEN}, whose softmax outputs are averaged). The next
 * batch's inputs are cut on a helper thread while the current one runs through the network.
 */
final class ScoreShardFn extends DoFn<Manifest.Shard, Prediction> {
  static final String IMAGES = "images_scored";

  private final String datasetUri;
  private final ModelRef modelRef;
  private final CropMode crops;
  private final int batchSize;
  private final String progressKey;
  private final Counter scored = Metrics.counter(ScoreShardFn.class, IMAGES);
  private transient Dataset dataset;
  private transient MultiLayerNetwork net;
  private transient InputNormalization normalization;
  private transient int crop;
  private transient int classes;
  private transient ExecutorService inputs;
  /** Full batches' input values, reused by the (single) cutting thread: the network copies them off-heap. */
  private transient float[] scratch;

  /** A batch's records and the network input cut from them. */
  private record Inputs(List<ImageRecord> records, INDArray x) {}

  /** @param progressKey names this run's live count in {@link LiveCounters} ({@link #IMAGES}) */
  ScoreShardFn(String datasetUri, ModelRef modelRef, CropMode crops, int batchSize, String progressKey) {
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

  @ProcessElement
  public void process(@Element Manifest.Shard shard, OutputReceiver<Prediction> out) throws Exception {
    String uri = dataset.resolve(shard.path());
    Future<Inputs> pending = null;
    List<ImageRecord> batch = new ArrayList<>(batchSize);
    try (TfRecordReader reader = new TfRecordReader(Storage.open(uri), uri)) {
      for (byte[] data = reader.next(); data != null; data = reader.next()) {
        batch.add(ExampleCodec.decode(data));
        if (batch.size() == batchSize) {
          pending = predictAndPrepare(pending, batch, out);
          batch = new ArrayList<>(batchSize);
        }
      }
    }
    if (!batch.isEmpty()) {
      pending = predictAndPrepare(pending, batch, out);
    }
    if (pending != null) {
      predict(pending.get(), out);
    }
  }

  /** Starts cutting {@code next}'s inputs, then runs the batch cut before it (if any) through the network. */
  private Future<Inputs> predictAndPrepare(Future<Inputs> previous, List<ImageRecord> next,
      OutputReceiver<Prediction> out) throws Exception {
    Future<Inputs> prepared = inputs.submit(() -> cut(next));
    if (previous != null) {
      predict(previous.get(), out);
    }
    return prepared;
  }

  private Inputs cut(List<ImageRecord> batch) {
    int views = crops == CropMode.TEN ? Crops.TEN : 1;
    int size = 3 * crop * crop;
    int length = batch.size() * views * size;
    if (scratch == null && batch.size() == batchSize) {
      scratch = new float[length];
    }
    float[] values = batch.size() == batchSize ? scratch : new float[length]; // a shard's last batch is smaller
    for (int i = 0; i < batch.size(); i++) {
      if (views == 1) {
        Crops.centre(batch.get(i), crop, normalization, values, i * size);
      } else {
        Crops.ten(batch.get(i), crop, normalization, values, i * views * size);
      }
    }
    return new Inputs(batch, Nd4j.create(values, new long[] {(long) batch.size() * views, 3, crop, crop}, 'c'));
  }

  private void predict(Inputs in, OutputReceiver<Prediction> out) {
    List<ImageRecord> batch = in.records();
    int views = crops == CropMode.TEN ? Crops.TEN : 1;
    INDArray x = in.x();
    float[] probabilities = net.output(x, false).dup('c').data().asFloat();
    float[] averaged = views == 1 ? probabilities : Ranking.meanOfViews(probabilities, batch.size(), views, classes);
    long now = System.currentTimeMillis();
    for (int i = 0; i < batch.size(); i++) {
      ImageRecord r = batch.get(i);
      out.output(new Prediction(r.filename(), r.label(), Ranking.top5(averaged, i * classes, classes), now));
    }
    scored.inc(batch.size());
    LiveCounters.add(progressKey, IMAGES, batch.size());
  }
}
