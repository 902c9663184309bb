package org.alexnet.trainer.loop;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.checkpoint.CheckpointState;
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
 * driven by {@link #run}, which resumes ({@link Resume}), checkpoints ({@link CheckpointPolicy}) and
 * steps the learning rate ({@link LrPolicy}). Dropout's random numbers are reseeded from (seed, step)
 * before every step, so a resumed run continues bit for bit. A {@link TrainingListener} hears every
 * batch and may stop the run, with or without a last checkpoint.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  /** Checkpoint settings entries beside the request's: what a resumed run needs to continue exactly. */
  private static final String LR_POLICY_STATE = "lr_policy_state";
  private static final String GENERATION = "generation";
  private static final String EPOCH_LOSS = "epoch_loss";
  /** SplittableRandom's own increment (2^64 / golden ratio): runs with nearby seeds get far-apart dropout streams. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
  /** Keeps the validation loss finite when a softmax output underflows to 0. */
  private static final double MIN_PROBABILITY = 1e-12;
  private final TrainRequest request;
  private final TrainSettings settings;
  private final MultiLayerNetwork net;
  private final BatchSource data;
  private final CheckpointPolicy checkpoints;
  private final LrPolicy lr;
  private final MetricsLog metrics;
  private final RunInfo info;
  private final Consumer<String> log;
  private TrainingListener listener = TrainingListener.NONE;
  private Meter epochLoss;
  private long globalStep;

  public Trainer(TrainRequest request, MultiLayerNetwork net, BatchSource data, RunInfo info, Consumer<String> log) {
    this.request = request;
    this.settings = request.settings();
    this.net = net;
    this.data = data;
    this.info = info;
    this.log = log;
    this.checkpoints = new CheckpointPolicy(request.checkpoints());
    this.lr = new LrPolicy(settings.lrSchedule(), settings.lr());
    this.metrics = request.checkpoints() == null ? null : new MetricsLog(request.checkpoints().dir());
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
    CheckpointState resumed = Resume.restore(request.resume(), checkpoints, net, log, listener);
    int epoch = resumed == null ? 0 : resumed.epoch();
    long firstBatch = resumed == null ? 0 : resumed.batchInEpoch();
    if (resumed != null) {
      continueFrom(resumed);
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
    checkpoints.claim();
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
      boolean best = checkpoints.isBest(last.acc1());
      log.accept(String.format(" * Epoch %d  Acc@1 %.3f  Acc@5 %.3f  (best %.3f)", epoch, last.acc1(), last.acc5(),
          checkpoints.bestAcc1()));
      listener.epochDone(epoch, last);
      checkpoint(epoch + 1, 0, best);
    }
    return last;
  }

  /** Takes up where the checkpoint left off: step count, best top-1, learning rate, metrics and the epoch's loss. */
  private void continueFrom(CheckpointState state) throws IOException {
    globalStep = state.globalStep();
    checkpoints.resumeBest(state.bestAcc1());
    lr.restore(state.settings().getOrDefault(LR_POLICY_STATE, lr.state()));
    if (metrics != null) {
      metrics.resumeAt(globalStep);
    }
    if (state.batchInEpoch() > 0 && state.settings().containsKey(EPOCH_LOSS)) {
      epochLoss = new Meter(request.printFreq());
      epochLoss.restore(state.settings().get(EPOCH_LOSS));
    }
  }

  /** @return the epoch's average training loss (meaningless when the run was told to stop early) */
  private double trainOneEpoch(int epoch, long firstBatch) throws IOException {
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
      if (checkpoints.dueAt(globalStep)) {
        checkpoint(epoch, b.index() + 1, false);
      }
      end = System.nanoTime();
    }
    return loss.average();
  }

  /** Top-1/top-5 over the validation split, centre crops, dropout off, after epoch {@code epoch}'s training. */
  private EvalResult evaluate(int epoch) {
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
        lossSum -= Math.log(Math.max(MIN_PROBABILITY, scores.getDouble(i, b.labels()[i])));
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
    boolean save = decision == TrainingListener.Decision.CHECKPOINT_AND_STOP && checkpoints.enabled()
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

  /** Writes where training stands ({@code batchInEpoch} batches of {@code epoch} done), and the metrics with it. */
  private String checkpoint(int epoch, long batchInEpoch, boolean best) throws IOException {
    if (!checkpoints.enabled()) {
      return null;
    }
    String uri = checkpoints.write(net, state(epoch, batchInEpoch), best);
    if (metrics != null) {
      metrics.write();
    }
    listener.checkpointed(uri);
    return uri;
  }

  /** What {@link #continueFrom} reads back. */
  private CheckpointState state(int epoch, long batchInEpoch) {
    Map<String, String> recorded = new HashMap<>(request.asMap());
    recorded.put(LR_POLICY_STATE, lr.state());
    recorded.put(GENERATION, Long.toString(checkpoints.generation()));
    if (batchInEpoch > 0 && epochLoss != null) {
      recorded.put(EPOCH_LOSS, epochLoss.state());
    }
    return new CheckpointState(CheckpointState.FORMAT_VERSION, epoch, batchInEpoch, globalStep,
        checkpoints.bestAcc1(), settings.arch(), info.shape(), info.normalization(), info.datasetId(), settings.seed(),
        recorded, info.classes());
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
    long mixed = new SplittableRandom(settings.seed() * GOLDEN_GAMMA + step).nextLong();
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
