package org.alexnet.trainer.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * Everything a checkpoint says besides the arrays: where training stood and how to rebuild it.
 *
 * @param epoch the epoch in progress (0-based)
 * @param batchInEpoch batches of that epoch already applied: resuming continues with the next one
 * @param globalStep optimizer steps since the start
 * @param bestAcc1 best validation top-1 so far, in percent
 * @param arch "alexnet" or "alexnet-paper"
 * @param shape conv widths, hidden size and classes, e.g. "64,192,384,256,256/4096/1000"
 * @param normalization how inputs were normalized ("mean-image", "mean-image/std", "torchvision")
 * @param seed the data order and augmentation seed (with epoch and position it fixes the stream)
 * @param settings the training settings, as the command line gave them
 * @param classes the class names of the model's outputs in label order (the dataset's), or null in
 *     checkpoints written before they were recorded
 */
public record CheckpointState(
    int formatVersion,
    int epoch,
    long batchInEpoch,
    long globalStep,
    double bestAcc1,
    String arch,
    String shape,
    String normalization,
    String datasetId,
    long seed,
    Map<String, String> settings,
    List<String> classes) {
  public static final int FORMAT_VERSION = 1;
}
