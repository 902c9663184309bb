package org.alexnet.workflows.evaluate;

import java.util.Map;
import org.alexnet.pipelines.evaluate.EvalReport;
import org.alexnet.storage.StorageUri;
import org.alexnet.workflows.stage.AttemptInfo;

/**
 * The evaluation's counts and where its report is.
 *
 * @param reused the report for this checkpoint was already there, so nothing was scored again
 */
public record EvaluateOutcome(String report, String modelSha256, long images, long top1Correct, long top5Correct,
    double top1Error, double top5Error, boolean reused, AttemptInfo attempt) {

  static EvaluateOutcome of(String out, Map<String, Object> json, boolean reused, AttemptInfo attempt) {
    return new EvaluateOutcome(StorageUri.parse(out).resolve(EvalReport.JSON), String.valueOf(json.get("model_sha256")),
        number(json, "images").longValue(), number(json, "top1_correct").longValue(),
        number(json, "top5_correct").longValue(), number(json, "top1_error").doubleValue(),
        number(json, "top5_error").doubleValue(), reused, attempt);
  }

  private static Number number(Map<String, Object> json, String key) {
    return (Number) json.get(key);
  }
}
