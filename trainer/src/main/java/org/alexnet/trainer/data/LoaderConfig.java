package org.alexnet.trainer.data;

/**
 * What the loader does for one split.
 *
 * @param augment random crops and mirrors (training) rather than centre crops (evaluation)
 * @param shuffleBuffer records held for shuffling within the stream of shards (0 for none)
 * @param workers threads turning records into inputs (-j)
 * @param prefetch batches prepared ahead of the model
 * @param pcaNoise sigma of the paper's PCA colour noise (0: off)
 */
public record LoaderConfig(String split, int batchSize, int crop, boolean augment, long seed, int shuffleBuffer,
    int workers, int prefetch, double pcaNoise) {
  public LoaderConfig {
    if (batchSize < 1 || crop < 1 || workers < 1 || prefetch < 1 || shuffleBuffer < 0) {
      throw new IllegalArgumentException("batch size, crop, workers and prefetch must be positive");
    }
  }
}
