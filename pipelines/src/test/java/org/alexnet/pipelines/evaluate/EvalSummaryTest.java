package org.alexnet.pipelines.evaluate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.alexnet.dataset.manifest.Manifest;
import org.junit.jupiter.api.Test;

class EvalSummaryTest {
  private static final List<Manifest.ClassLabel> CLASSES = List.of(new Manifest.ClassLabel(0, "cat", "a cat", 1),
      new Manifest.ClassLabel(1, "dog", "a dog", 2));
  private static final EvalSummary.Settings SETTINGS = new EvalSummary.Settings("/data", "ilsvrc2012-0123456789abcdef",
      "/model.zip", "ab12", "alexnet", "64/192/384/256/256/4096/2", "mean-image/std", 224, "center", 64,
      "2024-01-01T00:00:00Z");

  /** Whoever reads eval.json (scripts, people) sees the keys, order and types it has always had. */
  @Test
  void writesTheKeysAndTypesEvalJsonHasAlwaysHad() throws IOException {
    EvalCounts counts = new EvalCounts(2);
    counts.add(new Prediction("a.jpg", 0, new int[] {1, 0}, 1000));
    counts.add(new Prediction("b.jpg", 1, new int[] {1, 0}, 2000));
    EvalSummary summary = EvalReport.summary(counts, CLASSES, SETTINGS, 2.0);

    JsonNode json = new ObjectMapper().readTree(summary.json());
    assertThat(keys(json)).containsExactly("dataset", "dataset_id", "model", "model_sha256", "arch", "shape",
        "normalization", "crop_size", "crops", "batch", "evaluated_at", "seconds", "images_per_second",
        "scoring_images_per_second", "classes", "devkit_predictions", "images", "top1_correct", "top5_correct",
        "top1_error", "top5_error", "most_confused");
    assertThat(json.get("crop_size").textValue()).isEqualTo("224");
    assertThat(json.get("batch").textValue()).isEqualTo("64");
    assertThat(json.get("devkit_predictions").textValue()).isEqualTo(EvalReport.PREDICTIONS);
    assertThat(keys(json.get("most_confused").get(0))).containsExactly("true_class", "predicted_class", "images",
        "of_true_class");
    assertThat(json.get("most_confused").get(0).get("true_class").textValue()).isEqualTo("cat");
    assertThat(EvalSummary.read(summary.json(), "eval.json")).isEqualTo(summary);
  }

  @Test
  void anEvaluationOfNoImagesReadsBack() throws IOException {
    EvalSummary empty = EvalReport.summary(new EvalCounts(2), CLASSES, SETTINGS, 0.5);
    assertThat(new String(empty.json(), UTF_8)).contains("\"top1_error\" : \"NaN\"");
    assertThat(EvalSummary.read(empty.json(), "eval.json").top1Error()).isNaN();
  }

  private static List<String> keys(JsonNode object) {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
