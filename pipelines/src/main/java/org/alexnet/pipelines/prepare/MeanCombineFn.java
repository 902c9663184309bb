package org.alexnet.pipelines.prepare;

import org.apache.beam.sdk.transforms.Combine;

/** Sums the per-bundle {@link MeanAccumulator}s of the workers into the training-set statistics. */
final class MeanCombineFn extends Combine.CombineFn<MeanAccumulator, MeanAccumulator, MeanAccumulator> {
  private final int size;

  MeanCombineFn(int size) {
    this.size = size;
  }

  @Override
  public MeanAccumulator createAccumulator() {
    return new MeanAccumulator(size);
  }

  @Override
  public MeanAccumulator addInput(MeanAccumulator accumulator, MeanAccumulator input) {
    return accumulator.merge(input);
  }

  @Override
  public MeanAccumulator mergeAccumulators(Iterable<MeanAccumulator> accumulators) {
    MeanAccumulator total = createAccumulator();
    accumulators.forEach(total::merge);
    return total;
  }

  @Override
  public MeanAccumulator extractOutput(MeanAccumulator accumulator) {
    return accumulator;
  }
}
