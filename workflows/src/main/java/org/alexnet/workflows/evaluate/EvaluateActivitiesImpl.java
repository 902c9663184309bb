package org.alexnet.workflows.evaluate;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.alexnet.dataset.Dataset;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.evaluate.EvalReport;
import org.alexnet.pipelines.evaluate.EvalSummary;
import org.alexnet.pipelines.evaluate.EvaluatePipeline;
import org.alexnet.pipelines.evaluate.EvaluateRequest;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.alexnet.workflows.stage.AttemptInfo;
import org.alexnet.workflows.stage.Heartbeater;
import org.alexnet.workflows.stage.StageFailures;
import org.alexnet.workflows.stage.StageProgress;

public final class EvaluateActivitiesImpl implements EvaluateActivities {
  private final PipelineRunner runner;

  public EvaluateActivitiesImpl(PipelineRunner runner) {
    this.runner = runner;
  }

  @Override
  public EvaluateOutcome evaluate(EvaluateRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    AttemptInfo attempt = AttemptInfo.current();
    String key = context.getInfo().getWorkflowId() + "/evaluate/" + attempt.attempt();
    try {
      String sha256 = request.model().sha256();
      EvalSummary existing = existingReport(request, sha256);
      if (existing != null) {
        return EvaluateOutcome.of(request.output(), existing, true, attempt);
      }
      long images = Dataset.open(request.dataset()).split(Dataset.VALIDATION).images();
      try (Heartbeater heartbeats = new Heartbeater(context, () -> new StageProgress(List.of(new StageProgress.Bar(
          "evaluate", EvaluatePipeline.scored(key), images, "img")), List.of(), null))) {
        EvalSummary report = EvaluatePipeline.run(request, runner, key);
        heartbeats.throwIfStopped();
        return EvaluateOutcome.of(request.output(), report, false, attempt);
      }
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      throw StageFailures.of(e);
    }
  }

  /** The report under the output, if it scored this very checkpoint file on this dataset with these settings. */
  private static EvalSummary existingReport(EvaluateRequest request, String sha256) throws IOException {
    String uri = StorageUri.parse(request.output()).resolve(EvalReport.JSON);
    if (!Storage.exists(uri)) {
      return null;
    }
    EvalSummary report = EvalSummary.read(Storage.readAll(uri), uri);
    String datasetId = Dataset.open(request.dataset()).manifest().id();
    boolean same = sha256.equals(report.modelSha256()) && datasetId.equals(report.datasetId())
        && request.settings().crops().name().toLowerCase(Locale.ROOT).equals(report.crops());
    return same ? report : null;
  }
}
