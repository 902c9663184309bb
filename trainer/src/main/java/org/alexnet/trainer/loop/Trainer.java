package org.alexnet.trainer.loop;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.checkpoint.CheckpointDir;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.trainer.data.Batch;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop, in the PyTorch example's shape: {@link #trainOneEpoch} and {@link #evaluate},
 * driven by {@link #run}, which resumes from the latest checkpoint, checkpoints every epoch (and
 * every N steps), keeps the best, and steps the learning rate. Dropout's random numbers are reseeded
 * from (seed, step) before every step, so a resumed run continues bit for bit. A {@link TrainingListener}
 * hears every batch and may stop the run, with or without a last checkpoint.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private final TrainRequest request;
  private final TrainSettings settings;
  private final MultiLayerNetwork net;
  private final BatchSource data;
  private final CheckpointDir checkpoints;
  private final LrPolicy lr;
  private final MetricsLog metrics;
  private final RunInfo info;
  private final Consumer<String> log;
  private TrainingListener listener = TrainingListener.NONE;
  private long lastCheckpointNanos = System.nanoTime();
  private Meter epochLoss;
  private long globalStep;
  private long generation;
  /** -1 until the first validation, so that the first epoch's model is the best so far. */
  private double bestAcc1 = -1;

  /** Where batches come from: the shard loaders, or dummy data. */
  public interface BatchSource {
    Iterator<Batch> train(int epoch, long firstBatch);

    Iterator<Batch> validation();

    long trainBatchesPerEpoch();

    long validationBatches();

    static BatchSource of(java.util.function.BiFunction<Integer, Long, Iterator<Batch>> train,
        java.util.function.Supplier<Iterator<Batch>> validation, long trainBatchesPerEpoch, long validationBatches) {
      return new BatchSource() {
        @Override
        public Iterator<Batch> train(int epoch, long firstBatch) {
          return train.apply(epoch, firstBatch);
        }

        @Override
        public Iterator<Batch> validation() {
          return validation.get();
        }

        @Override
        public long trainBatchesPerEpoch() {
          return trainBatchesPerEpoch;
        }

        @Override
        public long validationBatches() {
          return validationBatches;
        }
      };
    }
  }

  /**
   * What a checkpoint records about the model and its inputs.
   *
   * @param classes the names of the classes it learns, in label order
   */
  public record RunInfo(String shape, String normalization, String datasetId, List<String> classes) {}

  public Trainer(TrainRequest request, MultiLayerNetwork net, BatchSource data, RunInfo info, Consumer<String> log) {
    this.request = request;
    this.settings = request.settings();
    this.net = net;
    this.data = data;
    this.info = info;
    this.log = log;
    var c = request.checkpoints();
    this.checkpoints = c == null ? null : new CheckpointDir(c.dir(), c.keepLast());
    this.lr = new LrPolicy(settings.lrSchedule(), settings.lr(), 30, 3);
    this.metrics = c == null ? null : new MetricsLog(c.dir());
  }

  /** Reports every batch to {@code listener}, whose answers may stop the run; returns this trainer. */
  public Trainer listen(TrainingListener listener) {
    this.listener = listener;
    return this;
  }

  /**
   * Trains (or only evaluates, with -e) and returns the last validation result: null when the run
   * resumed at its end and had nothing left to do.
   *
   * @throws TrainingStopped when the listener stopped the run
   */
  public EvalResult run() throws IOException {
    int epoch = 0;
    long firstBatch = 0;
    CheckpointState state = resume();
    if (state != null) {
      epoch = state.epoch();
      firstBatch = state.batchInEpoch();
      globalStep = state.globalStep();
      bestAcc1 = state.bestAcc1();
      lr.restore(state.settings().getOrDefault("lr_policy_state", lr.state()));
      if (metrics != null) {
        metrics.resumeAt(globalStep);
      }
      if (firstBatch > 0 && state.settings().containsKey("epoch_loss")) {
        epochLoss = new Meter(request.printFreq());
        epochLoss.restore(state.settings().get("epoch_loss"));
      }
    }
    if (request.startEpoch() >= 0) {
      epoch = request.startEpoch();
    }
    if (request.evaluateOnly()) {
      try {
        return evaluate(epoch);
      } catch (StopRequest stop) {
        throw stopped(stop.decision, epoch, 0);
      }
    }
    if (checkpoints != null) {
      generation = checkpoints.claim();
    }
    EvalResult last = null;
    for (; epoch < settings.epochs(); epoch++, firstBatch = 0) {
      net.setLearningRate(lr.lr(epoch));
      double trainLoss = trainOneEpoch(epoch, firstBatch);
      try {
        last = evaluate(epoch);
      } catch (StopRequest stop) {
        // the epoch's training is done: a checkpoint at its last batch resumes straight into validation
        throw stopped(stop.decision, epoch, data.trainBatchesPerEpoch());
      }
      if (metrics != null) {
        metrics.epoch(epoch, globalStep, trainLoss, last);
      }
      lr.observe(last.acc1());
      boolean best = last.acc1() > bestAcc1;
      bestAcc1 = Math.max(bestAcc1, last.acc1());
      log.accept(String.format(" * Epoch %d  Acc@1 %.3f  Acc@5 %.3f  (best %.3f)", epoch, last.acc1(), last.acc5(), bestAcc1));
      listener.epochDone(epoch, last);
      checkpoint(epoch + 1, 0, best);
    }
    return last;
  }

  /** @return the epoch's average training loss (meaningless when the run was told to stop early) */
  double trainOneEpoch(int epoch, long firstBatch) throws IOException {
    Iterator<Batch> batches = data.train(epoch, firstBatch);
    try {
      return trainOneEpoch(epoch, firstBatch, batches);
    } finally {
      closeQuietly(batches);
    }
  }

  private double trainOneEpoch(int epoch, long firstBatch, Iterator<Batch> batches) throws IOException {
    Meter loss = firstBatch > 0 && epochLoss != null ? epochLoss : new Meter(request.printFreq());
    epochLoss = loss;
    Meter batchTime = new Meter(request.printFreq());
    Meter dataTime = new Meter(request.printFreq());
    long total = data.trainBatchesPerEpoch();
    long end = System.nanoTime();
    while (batches.hasNext()) {
      Batch b = batches.next();
      dataTime.add((System.nanoTime() - end) / 1e9, 1);
      Nd4j.getRandom().setSeed(dropoutSeed(globalStep));
      INDArray x = features(b);
      net.fit(new DataSet(x, oneHot(b.labels())));
      globalStep++;
      double score = net.score();
      if (!Double.isFinite(score)) {
        throw new ArithmeticException(String.format("the loss became %s at epoch %d step %d: training diverged; "
            + "try a lower --lr (the last checkpoint is still good to --resume from)", score, epoch, globalStep));
      }
      loss.add(score, b.size());
      batchTime.add((System.nanoTime() - end) / 1e9, 1);
      TrainingListener.Decision decision = listener.batchDone(new BatchReport(false, epoch, settings.epochs(),
          b.index() + 1, total, globalStep, loss.windowAverage(), b.size() / batchTime.windowAverage()));
      if (decision != TrainingListener.Decision.CONTINUE) {
        throw stopped(decision, epoch, b.index() + 1);
      }
      if ((b.index() + 1) % request.printFreq() == 0 || b.index() + 1 == total) {
        long[] hits = TopK.hits(net.output(x, false), b.labels());
        log.accept(String.format("Epoch: [%d][%4d/%d]  Time %.3f  Data %.3f  Loss %.4f (%.4f)  Acc@1 %.1f  Acc@5 %.1f  "
            + "lr %.5f  %.1f img/s", epoch, b.index() + 1, total, batchTime.windowAverage(), dataTime.windowAverage(),
            loss.windowAverage(), loss.average(), 100.0 * hits[0] / b.size(), 100.0 * hits[1] / b.size(),
            lr.lr(epoch), b.size() / batchTime.windowAverage()));
        if (metrics != null) {
          metrics.step(epoch, globalStep, loss.windowAverage(), lr.lr(epoch), b.size() / batchTime.windowAverage());
        }
      }
      if (checkpointDue()) {
        checkpoint(epoch, b.index() + 1, false);
      }
      end = System.nanoTime();
    }
    return loss.average();
  }

  /** Top-1/top-5 over the validation split, centre crops, dropout off, after epoch {@code epoch}'s training. */
  EvalResult evaluate(int epoch) {
    Iterator<Batch> it = data.validation();
    try {
      return evaluate(epoch, it);
    } finally {
      closeQuietly(it);
    }
  }

  private EvalResult evaluate(int epoch, Iterator<Batch> it) {
    long images = 0;
    long top1 = 0;
    long top5 = 0;
    double lossSum = 0;
    long batches = 0;
    long total = data.validationBatches();
    while (it.hasNext()) {
      Batch b = it.next();
      INDArray x = features(b);
      INDArray scores = net.output(x, false);
      long[] hits = TopK.hits(scores, b.labels());
      top1 += hits[0];
      top5 += hits[1];
      images += b.size();
      for (int i = 0; i < b.size(); i++) {
        lossSum -= Math.log(Math.max(1e-12, scores.getDouble(i, b.labels()[i])));
      }
      batches++;
      TrainingListener.Decision decision = listener.batchDone(new BatchReport(true, epoch, settings.epochs(), batches,
          Math.max(total, batches), globalStep, Double.NaN, Double.NaN));
      if (decision != TrainingListener.Decision.CONTINUE) {
        throw new StopRequest(decision);
      }
    }
    return new EvalResult(images, top1, top5, images == 0 ? Double.NaN : lossSum / images);
  }

  /** Ends the run as the listener asked, checkpointing {@code batchInEpoch} batches of {@code epoch} first if told to. */
  private TrainingStopped stopped(TrainingListener.Decision decision, int epoch, long batchInEpoch) throws IOException {
    boolean save = decision == TrainingListener.Decision.CHECKPOINT_AND_STOP && checkpoints != null
        && !request.evaluateOnly();
    String uri = save ? checkpoint(epoch, batchInEpoch, false) : null;
    log.accept(uri == null ? "=> stopped" : "=> stopped after checkpoint " + uri);
    return new TrainingStopped(uri);
  }

  /** Asks {@link #run} to stop during validation, where it knows what to checkpoint. */
  private static final class StopRequest extends RuntimeException {
    final TrainingListener.Decision decision;

    StopRequest(TrainingListener.Decision decision) {
      super(null, null, false, false);
      this.decision = decision;
    }
  }

  private String checkpoint(int epoch, long batchInEpoch, boolean best) throws IOException {
    if (checkpoints == null) {
      return null;
    }
    lastCheckpointNanos = System.nanoTime();
    Map<String, String> recorded = new HashMap<>(request.asMap());
    recorded.put("lr_policy_state", lr.state());
    recorded.put("generation", Long.toString(generation));
    if (batchInEpoch > 0 && epochLoss != null) {
      recorded.put("epoch_loss", epochLoss.state());
    }
    CheckpointState state = new CheckpointState(CheckpointState.FORMAT_VERSION, epoch, batchInEpoch, globalStep,
        bestAcc1, settings.arch(), info.shape(), info.normalization(), info.datasetId(), settings.seed(), recorded,
        info.classes());
    String uri = checkpoints.save(net, state);
    if (best) {
      checkpoints.saveBest(net, state);
    }
    if (metrics != null) {
      metrics.write();
    }
    listener.checkpointed(uri);
    return uri;
  }

  /** Every N steps, or when the time interval has passed since the last checkpoint (or the start). */
  private boolean checkpointDue() {
    var c = request.checkpoints();
    boolean bySteps = c != null && c.everySteps() > 0 && globalStep % c.everySteps() == 0;
    boolean byTime = c != null && c.everyMinutes() > 0 && System.nanoTime() - lastCheckpointNanos >= c.everyMinutes() * 60e9;
    return bySteps || byTime;
  }

  /**
   * Restores the checkpoint to resume from, if any: the one named, or with "auto" the newest that
   * reads back whole (a checkpoint cut short on a store without atomic writes is skipped, and said so).
   */
  private CheckpointState resume() throws IOException {
    if (request.resume() == null) {
      return null;
    }
    List<String> candidates = request.resume().equals("auto") ? checkpoints.newestFirst() : List.of(request.resume());
    for (String uri : candidates) {
      try {
        CheckpointState state = Checkpoints.restore(uri, net);
        log.accept(String.format("=> resumed from %s (epoch %d, batch %d, step %d)", uri, state.epoch(),
            state.batchInEpoch(), state.globalStep()));
        listener.resumed(uri);
        return state;
      } catch (IOException e) {
        if (candidates.size() == 1) {
          throw e;
        }
        LOG.warn("skipping {}: {}", uri, e.getMessage());
        log.accept("=> " + uri + " does not read back whole (" + e.getMessage() + "); trying the one before");
      }
    }
    return null;
  }

  private static void closeQuietly(Iterator<Batch> batches) {
    if (batches instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("closing a batch stream", e);
      }
    }
  }

  /**
   * A seed for this step's dropout masks, never 0: ND4J's native generator takes a seed of 0 as
   * "seed from the clock", which made --seed 0 (the default) irreproducible.
   */
  private long dropoutSeed(long step) {
    long mixed = new java.util.SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + step).nextLong();
    return mixed == 0 ? 1 : mixed;
  }

  private static INDArray features(Batch b) {
    return Nd4j.create(b.features(), new long[] {b.size(), 3, b.crop(), b.crop()}, 'c');
  }

  private INDArray oneHot(int[] labels) {
    int classes = (int) net.getLayer(net.getnLayers() - 2).getParam("b").length();
    INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
    for (int i = 0; i < labels.length; i++) {
      y.putScalar(i, labels[i], 1f);
    }
    return y;
  }
}
