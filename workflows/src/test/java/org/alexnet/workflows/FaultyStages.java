package org.alexnet.workflows;

import java.util.concurrent.atomic.AtomicBoolean;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.trainer.loop.TrainingListener;
import org.alexnet.workflows.evaluate.EvaluateActivities;
import org.alexnet.workflows.prepare.PrepareActivities;
import org.alexnet.workflows.prepare.PreparedDataset;
import org.alexnet.workflows.train.TrainActivitiesImpl;

/** The real stages, each failing once the way a lost machine or a storage hiccup would. */
final class FaultyStages {
  private FaultyStages() {}

  /** Prepare's first attempt dies after the pipeline has written its shards, before it returns. */
  static PrepareActivities prepareFailingOnce(PrepareActivities real) {
    AtomicBoolean failed = new AtomicBoolean();
    return new PrepareActivities() {
      @Override
      public String datasetId(PrepareRequest request) {
        return real.datasetId(request);
      }

      @Override
      public PreparedDataset prepare(PrepareRequest request) {
        PreparedDataset dataset = real.prepare(request);
        if (failed.compareAndSet(false, true)) {
          throw new IllegalStateException("injected: the worker was lost after writing the dataset");
        }
        return dataset;
      }

      @Override
      public PreparedDataset describeDataset(String uri) {
        return real.describeDataset(uri);
      }
    };
  }

  static EvaluateActivities evaluateFailingOnce(EvaluateActivities real) {
    AtomicBoolean failed = new AtomicBoolean();
    return request -> {
      if (failed.compareAndSet(false, true)) {
        throw new IllegalStateException("injected: the Flink job was lost");
      }
      return real.evaluate(request);
    };
  }

  /** Training whose first attempt dies in the middle of step {@code step}'s epoch. */
  static TrainActivitiesImpl trainFailingOnceAt(long step) {
    AtomicBoolean failed = new AtomicBoolean();
    return new TrainActivitiesImpl(batch -> {
      if (!batch.validation() && batch.step() == step && failed.compareAndSet(false, true)) {
        throw new IllegalStateException("injected: the training machine was lost at step " + step);
      }
      return TrainingListener.Decision.CONTINUE;
    });
  }
}
