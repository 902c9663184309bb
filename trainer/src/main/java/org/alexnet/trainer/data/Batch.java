package org.alexnet.trainer.data;

/**
 * A minibatch: {@code size} inputs, each 3 x crop x crop floats (CHW), and their labels.
 *
 * @param index the batch's position in its epoch
 */
public record Batch(int index, float[] features, int[] labels, int size, int crop) {}
