package org.alexnet.workflows.temporal;

import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.workflows.evaluate.EvaluateActivities;
import org.alexnet.workflows.evaluate.EvaluateActivitiesImpl;
import org.alexnet.workflows.prepare.PrepareActivities;
import org.alexnet.workflows.prepare.PrepareActivitiesImpl;
import org.alexnet.workflows.run.RunActivities;
import org.alexnet.workflows.run.RunActivitiesImpl;
import org.alexnet.workflows.train.TrainActivities;
import org.alexnet.workflows.train.TrainActivitiesImpl;

/** The activity implementations a worker registers; tests swap one for a decorated one. */
public record StageActivities(PrepareActivities prepare, EvaluateActivities evaluate, RunActivities records,
    TrainActivities train) {

  /** The real stages, with pipelines run by {@code runner}. */
  public static StageActivities real(PipelineRunner runner) {
    return new StageActivities(new PrepareActivitiesImpl(runner), new EvaluateActivitiesImpl(runner),
        new RunActivitiesImpl(), new TrainActivitiesImpl());
  }

  public StageActivities withPrepare(PrepareActivities other) {
    return new StageActivities(other, evaluate, records, train);
  }

  public StageActivities withEvaluate(EvaluateActivities other) {
    return new StageActivities(prepare, other, records, train);
  }

  public StageActivities withTrain(TrainActivities other) {
    return new StageActivities(prepare, evaluate, records, other);
  }
}
