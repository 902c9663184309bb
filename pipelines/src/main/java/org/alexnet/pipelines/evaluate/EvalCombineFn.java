package org.alexnet.pipelines.evaluate;

import org.apache.beam.sdk.transforms.Combine;

/** Folds predictions into {@link EvalCounts}. */
final class EvalCombineFn extends Combine.CombineFn<Prediction, EvalCounts, EvalCounts> {
  private final int classes;

  EvalCombineFn(int classes) {
    this.classes = classes;
  }

  @Override
  public EvalCounts createAccumulator() {
    return new EvalCounts(classes);
  }

  @Override
  public EvalCounts addInput(EvalCounts counts, Prediction p) {
    counts.add(p);
    return counts;
  }

  @Override
  public EvalCounts mergeAccumulators(Iterable<EvalCounts> all) {
    EvalCounts merged = createAccumulator();
    for (EvalCounts c : all) {
      merged.merge(c);
    }
    return merged;
  }

  @Override
  public EvalCounts extractOutput(EvalCounts counts) {
    return counts;
  }
}
