package org.alexnet.workflows.evaluate;

import io.temporal.activity.ActivityInterface;
import org.alexnet.pipelines.evaluate.EvaluateRequest;

/** Evaluation, on the pipelines queue. */
@ActivityInterface
public interface EvaluateActivities {
  /** Runs the evaluation pipeline, or reuses the report already written for this very checkpoint. */
  EvaluateOutcome evaluate(EvaluateRequest request);
}
