package org.alexnet.pipelines.evaluate;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * eval.json: how the evaluation ran, how fast, and what it found. Written with snake_case keys in
 * this order; an error over no images is NaN (written "NaN").
 *
 * @param cropSize written as a string, as eval.json always had it
 * @param batch written as a string, as eval.json always had it
 * @param scoringImagesPerSecond NaN when too few batches were scored to time
 * @param devkitPredictions the devkit submission file, or null when it could not be written
 * @param mostConfused the most frequent wrong top-1 predictions, most frequent first
 */
public record EvalSummary(
    String dataset,
    String datasetId,
    String model,
    String modelSha256,
    String arch,
    String shape,
    String normalization,
    @JsonFormat(shape = JsonFormat.Shape.STRING) int cropSize,
    String crops,
    @JsonFormat(shape = JsonFormat.Shape.STRING) int batch,
    String evaluatedAt,
    double seconds,
    double imagesPerSecond,
    double scoringImagesPerSecond,
    int classes,
    String devkitPredictions,
    long images,
    long top1Correct,
    long top5Correct,
    double top1Error,
    double top5Error,
    List<Confused> mostConfused) {

  // Reports written by other versions still read: a reused report is matched on a few fields only.
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public EvalSummary {
    mostConfused = mostConfused == null ? List.of() : List.copyOf(mostConfused);
  }

  /** How the evaluation runs, known before it starts: carried to the worker that writes the report. */
  public record Settings(String dataset, String datasetId, String model, String modelSha256, String arch,
      String shape, String normalization, int cropSize, String crops, int batch, String evaluatedAt)
      implements Serializable {}

  /** {@code images} of {@code trueClass} (of {@code ofTrueClass} in all) predicted as {@code predictedClass}. */
  public record Confused(String trueClass, String predictedClass, long images, long ofTrueClass) {}

  public static EvalSummary read(byte[] json, String source) throws IOException {
    try {
      return MAPPER.readValue(json, EvalSummary.class);
    } catch (JsonProcessingException e) {
      throw new IOException(source + " is not an evaluation report: " + e.getOriginalMessage(), e);
    }
  }

  public byte[] json() {
    try {
      return MAPPER.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the evaluation report cannot be serialized", e);
    }
  }
}
