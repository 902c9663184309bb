package org.alexnet.trainer.loop;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import org.alexnet.trainer.TrainConfig;
import org.alexnet.trainer.checkpoint.CheckpointDir;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.trainer.data.Batch;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop, in the PyTorch example's shape: {@link #trainOneEpoch} and {@link #evaluate},
 * driven by {@link #run}, which resumes from the latest checkpoint, checkpoints every epoch (and
 * every N steps), keeps the best, and steps the learning rate. Dropout's random numbers are reseeded
 * from (seed, step) before every step, so a resumed run continues bit for bit.
 */
public final class Trainer {
  private final TrainConfig config;
  private final MultiLayerNetwork net;
  private final BatchSource data;
  private final CheckpointDir checkpoints;
  private final LrPolicy lr;
  private final MetricsLog metrics;
  private final RunInfo info;
  private final Consumer<String> log;
  private ProgressListener progress = ProgressListener.NONE;
  private long lastCheckpointNanos = System.nanoTime();
  private Meter epochLoss;
  private boolean stopped;
  private long globalStep;
  private long stepsThisRun;
  /** -1 until the first validation, so that the first epoch's model is the best so far. */
  private double bestAcc1 = -1;

  /** Where batches come from: the shard loaders, or dummy data. */
  public interface BatchSource {
    Iterator<Batch> train(int epoch, long firstBatch);

    Iterator<Batch> validation();

    long trainBatchesPerEpoch();

    static BatchSource of(java.util.function.BiFunction<Integer, Long, Iterator<Batch>> train,
        java.util.function.Supplier<Iterator<Batch>> validation, long trainBatchesPerEpoch) {
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
      };
    }
  }

  /** What a checkpoint records about the model and its inputs. */
  public record RunInfo(String shape, String normalization, String datasetId) {}

  public Trainer(TrainConfig config, MultiLayerNetwork net, BatchSource data, RunInfo info, Consumer<String> log) {
    this.config = config;
    this.net = net;
    this.data = data;
    this.info = info;
    this.log = log;
    this.checkpoints = config.checkpointDir() == null ? null : new CheckpointDir(config.checkpointDir(), config.keepLast());
    this.lr = new LrPolicy(config.lrSchedule(), config.lr(), 30, 3);
    this.metrics = config.checkpointDir() == null ? null : new MetricsLog(config.checkpointDir());
  }

  /** Reports every batch to {@code listener} (progress bars); returns this trainer. */
  public Trainer onProgress(ProgressListener listener) {
    this.progress = listener;
    return this;
  }

  /** Trains (or only evaluates, with -e) and returns the last validation result. */
  public EvalResult run() throws IOException {
    int epoch = 0;
    long firstBatch = 0;
    String resumeFrom = resumePoint();
    if (resumeFrom != null) {
      CheckpointState state = Checkpoints.restore(resumeFrom, net);
      epoch = state.epoch();
      firstBatch = state.batchInEpoch();
      globalStep = state.globalStep();
      bestAcc1 = state.bestAcc1();
      lr.restore(state.settings().getOrDefault("lr_policy_state", lr.state()));
      if (metrics != null) {
        metrics.resumeAt(globalStep);
      }
      if (firstBatch > 0 && state.settings().containsKey("epoch_loss")) {
        epochLoss = new Meter(config.printFreq());
        epochLoss.restore(state.settings().get("epoch_loss"));
      }
      log.accept(String.format("=> resumed from %s (epoch %d, batch %d, step %d)", resumeFrom, epoch, firstBatch, globalStep));
    }
    if (config.startEpoch() >= 0) {
      epoch = config.startEpoch();
    }
    if (config.evaluate()) {
      return evaluate();
    }
    EvalResult last = null;
    for (; epoch < config.epochs(); epoch++, firstBatch = 0) {
      net.setLearningRate(lr.lr(epoch));
      double trainLoss = trainOneEpoch(epoch, firstBatch);
      if (stopped) {
        return last; // stopped as if killed (tests)
      }
      last = evaluate();
      if (metrics != null) {
        metrics.epoch(epoch, globalStep, trainLoss, last);
      }
      lr.observe(last.acc1());
      boolean best = last.acc1() > bestAcc1;
      bestAcc1 = Math.max(bestAcc1, last.acc1());
      log.accept(String.format(" * Epoch %d  Acc@1 %.3f  Acc@5 %.3f  (best %.3f)", epoch, last.acc1(), last.acc5(), bestAcc1));
      checkpoint(epoch + 1, 0, best);
    }
    return last;
  }

  /** @return the epoch's average training loss (meaningless when the run was told to stop early) */
  double trainOneEpoch(int epoch, long firstBatch) throws IOException {
    Meter loss = firstBatch > 0 && epochLoss != null ? epochLoss : new Meter(config.printFreq());
    epochLoss = loss;
    Meter batchTime = new Meter(config.printFreq());
    Meter dataTime = new Meter(config.printFreq());
    long total = data.trainBatchesPerEpoch();
    long end = System.nanoTime();
    Iterator<Batch> batches = data.train(epoch, firstBatch);
    while (batches.hasNext()) {
      Batch b = batches.next();
      dataTime.add((System.nanoTime() - end) / 1e9, 1);
      Nd4j.getRandom().setSeed(dropoutSeed(globalStep));
      INDArray x = features(b);
      net.fit(new DataSet(x, oneHot(b.labels())));
      globalStep++;
      stepsThisRun++;
      double score = net.score();
      if (!Double.isFinite(score)) {
        throw new ArithmeticException(String.format("the loss became %s at epoch %d step %d: training diverged; "
            + "try a lower --lr (the last checkpoint is still good to --resume from)", score, epoch, globalStep));
      }
      loss.add(score, b.size());
      batchTime.add((System.nanoTime() - end) / 1e9, 1);
      progress.batchDone("Epoch " + epoch, b.index() + 1, total);
      if ((b.index() + 1) % config.printFreq() == 0 || b.index() + 1 == total) {
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
      if (config.stopAfterSteps() > 0 && stepsThisRun >= config.stopAfterSteps()) {
        stopped = true;
        return loss.average();
      }
      end = System.nanoTime();
    }
    return loss.average();
  }

  /** Top-1/top-5 over the validation split, centre crops, dropout off. */
  public EvalResult evaluate() {
    long images = 0;
    long top1 = 0;
    long top5 = 0;
    double lossSum = 0;
    long batches = 0;
    for (Iterator<Batch> it = data.validation(); it.hasNext(); ) {
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
      progress.batchDone("Validation", ++batches, -1);
    }
    progress.batchDone("Validation", batches, batches); // the total is known now: this closes the pass
    return new EvalResult(images, top1, top5, images == 0 ? Double.NaN : lossSum / images);
  }

  private void checkpoint(int epoch, long batchInEpoch, boolean best) throws IOException {
    if (checkpoints == null) {
      return;
    }
    lastCheckpointNanos = System.nanoTime();
    Map<String, String> settings = new HashMap<>(config.asMap());
    settings.put("lr_policy_state", lr.state());
    if (batchInEpoch > 0 && epochLoss != null) {
      settings.put("epoch_loss", epochLoss.state());
    }
    CheckpointState state = new CheckpointState(CheckpointState.FORMAT_VERSION, epoch, batchInEpoch, globalStep,
        bestAcc1, config.arch(), info.shape(), info.normalization(), info.datasetId(), config.seed(), settings);
    checkpoints.save(net, state);
    if (best) {
      checkpoints.saveBest(net, state);
    }
    if (metrics != null) {
      metrics.write();
    }
  }

  /** Every N steps, or when the time interval has passed since the last checkpoint (or the start). */
  private boolean checkpointDue() {
    boolean bySteps = config.checkpointEvery() > 0 && globalStep % config.checkpointEvery() == 0;
    boolean byTime = config.checkpointMinutes() > 0
        && System.nanoTime() - lastCheckpointNanos >= config.checkpointMinutes() * 60e9;
    return bySteps || byTime;
  }

  private String resumePoint() throws IOException {
    if (config.resume() == null) {
      return null;
    }
    if (!config.resume().equals("auto")) {
      return config.resume();
    }
    return checkpoints == null ? null : checkpoints.latest().orElse(null);
  }

  /**
   * A seed for this step's dropout masks, never 0: ND4J's native generator takes a seed of 0 as
   * "seed from the clock", which made --seed 0 (the default) irreproducible.
   */
  private long dropoutSeed(long step) {
    long mixed = new java.util.SplittableRandom(config.seed() * 0x9E3779B97F4A7C15L + step).nextLong();
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
