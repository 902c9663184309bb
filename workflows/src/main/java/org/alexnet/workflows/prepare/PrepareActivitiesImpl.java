package org.alexnet.workflows.prepare;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.pipelines.prepare.PrepareProgress;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.workflows.stage.AttemptInfo;
import org.alexnet.workflows.stage.Heartbeater;
import org.alexnet.workflows.stage.StageFailures;
import org.alexnet.workflows.stage.StageProgress;

public final class PrepareActivitiesImpl implements PrepareActivities {
  private final PipelineRunner runner;

  public PrepareActivitiesImpl(PipelineRunner runner) {
    this.runner = runner;
  }

  @Override
  public String datasetId(PrepareRequest request) {
    try {
      return PreparePipeline.datasetId(request);
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  @Override
  public PreparedDataset prepare(PrepareRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    AttemptInfo attempt = AttemptInfo.current();
    String key = context.getInfo().getWorkflowId() + "/prepare/" + attempt.attempt();
    try (Heartbeater heartbeats = new Heartbeater(context, () -> progress(key))) {
      PreparePipeline.Outcome outcome = PreparePipeline.run(request, runner, key);
      heartbeats.throwIfStopped();
      return PreparedDataset.of(outcome.dataset(), outcome.alreadyComplete(), attempt);
    } catch (io.temporal.client.ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  @Override
  public PreparedDataset describeDataset(String uri) {
    try {
      return PreparedDataset.of(Dataset.open(uri), true, AttemptInfo.current());
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  /** Images done of each split's total (counted in this JVM: the total stays unknown on a remote Flink cluster). */
  private static StageProgress progress(String key) {
    List<StageProgress.Bar> bars = !PrepareProgress.indexed(key) ? List.of() // nothing to count before the index
        : List.of(bar(key, Dataset.TRAIN), bar(key, Dataset.VALIDATION));
    return new StageProgress(bars, List.of(), null);
  }

  private static StageProgress.Bar bar(String key, String split) {
    return new StageProgress.Bar("prepare " + split, PrepareProgress.done(key, split), PrepareProgress.total(key, split),
        "img");
  }
}
