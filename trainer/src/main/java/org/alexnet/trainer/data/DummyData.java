package org.alexnet.trainer.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/** Random inputs and labels, like the PyTorch example's --dummy: a function of (seed, epoch, batch). */
public final class DummyData {
  private final int images;
  private final int batchSize;
  private final int crop;
  private final int classes;
  private final long seed;

  public DummyData(int images, int batchSize, int crop, int classes, long seed) {
    this.images = images;
    this.batchSize = batchSize;
    this.crop = crop;
    this.classes = classes;
    this.seed = seed;
  }

  public long batchesPerEpoch() {
    return (images + batchSize - 1) / batchSize;
  }

  public Iterator<Batch> epoch(int epoch, long firstBatch) {
    return new Iterator<>() {
      private long next = firstBatch;

      @Override
      public boolean hasNext() {
        return next < batchesPerEpoch();
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int index = (int) next++;
        int size = Math.min(batchSize, images - index * batchSize);
        SplittableRandom random = new SplittableRandom(seed * 31 + epoch * 1_000_003L + index);
        float[] features = new float[size * 3 * crop * crop];
        for (int i = 0; i < features.length; i++) {
          features[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
          labels[i] = random.nextInt(classes);
        }
        return new Batch(index, features, labels, size, crop);
      }
    };
  }
}
