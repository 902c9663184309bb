package org.alexnet.trainer.loop;

/**
 * Where a run stands after one batch.
 *
 * @param validation a validation batch (after epoch {@code epoch}'s training), not a training step
 * @param batch batches of this pass done, 1-based
 * @param batches batches in this pass
 * @param step optimizer steps since the start of training
 * @param loss the recent training loss (its running window); NaN in validation
 * @param imagesPerSecond recent training speed; NaN in validation
 */
public record BatchReport(boolean validation, int epoch, int epochs, long batch, long batches, long step, double loss,
    double imagesPerSecond) {}
