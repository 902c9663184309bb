package org.alexnet.trainer.loop;

import java.util.Iterator;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.alexnet.trainer.data.Batch;

/** Where a {@link Trainer}'s batches come from: the shard loaders, or dummy data. */
public interface BatchSource {
  Iterator<Batch> train(int epoch, long firstBatch);

  Iterator<Batch> validation();

  long trainBatchesPerEpoch();

  long validationBatches();

  static BatchSource of(BiFunction<Integer, Long, Iterator<Batch>> train, Supplier<Iterator<Batch>> validation,
      long trainBatchesPerEpoch, long validationBatches) {
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

      @Override
      public long validationBatches() {
        return validationBatches;
      }
    };
  }
}
