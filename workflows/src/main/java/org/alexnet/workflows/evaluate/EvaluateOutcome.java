package org.alexnet.workflows.evaluate;

import org.alexnet.pipelines.evaluate.EvalReport;
import org.alexnet.pipelines.evaluate.EvalSummary;
import org.alexnet.storage.StorageUri;
import org.alexnet.workflows.stage.AttemptInfo;

/**
 * The evaluation's counts and where its report is.
 *
 * @param reused the report for this checkpoint was already there, so nothing was scored again
 */
public record EvaluateOutcome(String report, String modelSha256, long images, long top1Correct, long top5Correct,
    double top1Error, double top5Error, boolean reused, AttemptInfo attempt) {

  static EvaluateOutcome of(String out, EvalSummary report, boolean reused, AttemptInfo attempt) {
    return new EvaluateOutcome(StorageUri.parse(out).resolve(EvalReport.JSON), report.modelSha256(), report.images(),
        report.top1Correct(), report.top5Correct(), report.top1Error(), report.top5Error(), reused, attempt);
  }
}
