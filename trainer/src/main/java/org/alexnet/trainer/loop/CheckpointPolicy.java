package org.alexnet.trainer.loop;

import java.io.IOException;
import java.util.List;
import org.alexnet.trainer.checkpoint.CheckpointDir;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpointing;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * When a run writes checkpoints and which it keeps: one at every epoch end, more every N steps or M
 * minutes as {@link Checkpointing} asks, the last few kept, and the epoch with the best validation
 * top-1 also as model_best.zip. A run without a checkpoint folder writes none.
 */
final class CheckpointPolicy {
  private final Checkpointing settings;
  private final CheckpointDir dir;
  private long lastWriteNanos = System.nanoTime();
  private long generation;
  /** -1 until the first validation, so that the first epoch's model is the best so far. */
  private double bestAcc1 = -1;

  /** @param settings where and how often, or null for no checkpoints */
  CheckpointPolicy(Checkpointing settings) {
    this.settings = settings;
    this.dir = settings == null ? null : new CheckpointDir(settings.dir(), settings.keepLast());
  }

  boolean enabled() {
    return dir != null;
  }

  /** Takes the folder over before training, so that an older attempt still running can no longer write to it. */
  void claim() throws IOException {
    if (dir != null) {
      generation = dir.claim();
    }
  }

  /** The generation this run claimed the folder as (0 before, or without a folder), recorded in its checkpoints. */
  long generation() {
    return generation;
  }

  /** The checkpoints that {@code --resume auto} tries, newest first. */
  List<String> newestFirst() throws IOException {
    return dir.newestFirst();
  }

  /** Every N steps, or when the time interval has passed since the last checkpoint (or the start). */
  boolean dueAt(long globalStep) {
    boolean bySteps = settings != null && settings.everySteps() > 0 && globalStep % settings.everySteps() == 0;
    boolean byTime = settings != null && settings.everyMinutes() > 0
        && System.nanoTime() - lastWriteNanos >= settings.everyMinutes() * 60e9;
    return bySteps || byTime;
  }

  /** Takes an epoch's validation top-1: true when it is the best so far, so its checkpoint is also model_best. */
  boolean isBest(double acc1) {
    boolean best = acc1 > bestAcc1;
    bestAcc1 = Math.max(bestAcc1, acc1);
    return best;
  }

  double bestAcc1() {
    return bestAcc1;
  }

  /** Continues a resumed run's record, so that model_best is replaced only by a better epoch. */
  void resumeBest(double acc1) {
    bestAcc1 = acc1;
  }

  /** Writes the checkpoint, and model_best.zip too when {@code best}; returns the checkpoint's URI. */
  String write(MultiLayerNetwork net, CheckpointState state, boolean best) throws IOException {
    lastWriteNanos = System.nanoTime();
    String uri = dir.save(net, state);
    if (best) {
      dir.saveBest(net, state);
    }
    return uri;
  }
}
