package org.alexnet.pipelines.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The evaluation's files under --out: eval.json (errors, counts, most confused pairs, settings,
 * model and dataset ids, time), per_class.csv, a per-class plot, and the devkit submission file when
 * every class has a devkit ID.
 */
public final class EvalReport {
  public static final String JSON = "eval.json";
  public static final String PER_CLASS = "per_class.csv";
  public static final String PREDICTIONS = "val.pred.txt";
  public static final String PLOT = "per_class.png";
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvalReport() {}

  /** Writes every file; {@code settings} go into eval.json as they are. */
  public static void write(StorageUri out, EvalCounts counts, List<Manifest.ClassLabel> classes, Map<String, Object> settings)
      throws IOException {
    if (devkitPredictions(counts, classes)) {
      Storage.writeAtomically(out.resolve(PREDICTIONS), predictions(counts, classes).getBytes(StandardCharsets.UTF_8));
    }
    Storage.writeAtomically(out.resolve(PER_CLASS), perClassCsv(counts, classes).getBytes(StandardCharsets.UTF_8));
    Storage.writeAtomically(out.resolve(PLOT), plot(counts));
    Storage.writeAtomically(out.resolve(JSON), MAPPER.writeValueAsBytes(summary(counts, classes, settings)));
  }

  /**
   * The devkit's submission format names classes by devkit ID: it can be written when every class has
   * one and the model predicts the dataset's classes only (not more outputs, as with --num-classes).
   */
  static boolean devkitPredictions(EvalCounts counts, List<Manifest.ClassLabel> classes) {
    return counts.classImages.length == classes.size() && classes.stream().allMatch(c -> c.devkitId() != null);
  }

  /** A class's name; a model with more outputs than the dataset has classes predicts some that are none of its. */
  private static String name(List<Manifest.ClassLabel> classes, int label) {
    return label < classes.size() ? classes.get(label).name() : "output " + label + " (not a class of the dataset)";
  }

  static Map<String, Object> summary(EvalCounts counts, List<Manifest.ClassLabel> classes, Map<String, Object> settings) {
    Map<String, Object> json = new LinkedHashMap<>(settings);
    json.put("classes", classes.size());
    json.put("devkit_predictions", devkitPredictions(counts, classes) ? PREDICTIONS : null);
    json.put("images", counts.images());
    json.put("top1_correct", counts.top1());
    json.put("top5_correct", counts.top5());
    json.put("top1_error", error(counts.top1(), counts.images()));
    json.put("top5_error", error(counts.top5(), counts.images()));
    List<Map<String, Object>> confused = new ArrayList<>();
    for (EvalCounts.Confusion c : counts.mostConfused(20)) {
      Map<String, Object> pair = new LinkedHashMap<>();
      pair.put("true_class", name(classes, c.truth()));
      pair.put("predicted_class", name(classes, c.predicted()));
      pair.put("images", c.images());
      pair.put("of_true_class", counts.classImages[c.truth()]);
      confused.add(pair);
    }
    json.put("most_confused", confused);
    return json;
  }

  /** The devkit's format: per image in file-name order, the best five devkit ILSVRC2012_IDs. */
  static String predictions(EvalCounts counts, List<Manifest.ClassLabel> classes) {
    StringBuilder text = new StringBuilder();
    for (Prediction p : counts.predictionsByFile()) {
      for (int i = 0; i < p.top5().length; i++) {
        text.append(i == 0 ? "" : " ").append(classes.get(p.top5()[i]).devkitId());
      }
      text.append('\n');
    }
    return text.toString();
  }

  static String perClassCsv(EvalCounts counts, List<Manifest.ClassLabel> classes) {
    StringBuilder csv = new StringBuilder("label,class,devkit_id,images,top1_correct,top5_correct,top1_accuracy,"
        + "top5_accuracy,words\n");
    for (int c = 0; c < counts.classImages.length; c++) {
      long n = counts.classImages[c];
      if (n == 0) {
        continue;
      }
      Manifest.ClassLabel k = classes.get(c);
      csv.append(String.format(Locale.ROOT, "%d,\"%s\",%s,%d,%d,%d,%.4f,%.4f,\"%s\"%n", c, k.name().replace("\"", "\"\""),
          k.devkitId() == null ? "" : k.devkitId(), n,
          counts.classTop1[c], counts.classTop5[c], (double) counts.classTop1[c] / n, (double) counts.classTop5[c] / n,
          k.words().replace("\"", "\"\"")));
    }
    return csv.toString();
  }

  /** Per-class top-1 and top-5 accuracy, classes sorted from worst to best (top-1, then top-5). */
  static byte[] plot(EvalCounts counts) throws IOException {
    List<Integer> present = new ArrayList<>();
    for (int c = 0; c < counts.classImages.length; c++) {
      if (counts.classImages[c] > 0) {
        present.add(c);
      }
    }
    present.sort(java.util.Comparator.<Integer>comparingDouble(c -> accuracy(counts.classTop1, counts, c))
        .thenComparingDouble(c -> accuracy(counts.classTop5, counts, c)));
    List<Double> rank = new ArrayList<>();
    List<Double> top1 = new ArrayList<>();
    List<Double> top5 = new ArrayList<>();
    for (int i = 0; i < present.size(); i++) {
      rank.add((double) i + 1);
      top1.add(100 * accuracy(counts.classTop1, counts, present.get(i)));
      top5.add(100 * accuracy(counts.classTop5, counts, present.get(i)));
    }
    XYChart chart = new XYChartBuilder().width(960).height(480)
        .title(String.format(Locale.ROOT, "Per-class accuracy, %,d images: top-1 error %.2f%%, top-5 error %.2f%%",
            counts.images(), 100 * error(counts.top1(), counts.images()), 100 * error(counts.top5(), counts.images())))
        .xAxisTitle("class, worst to best (top-1, then top-5)").yAxisTitle("accuracy (%)").build();
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
    if (!rank.isEmpty()) {
      chart.addSeries("top-5", rank, top5).setMarker(SeriesMarkers.NONE);
      chart.addSeries("top-1", rank, top1).setMarker(SeriesMarkers.NONE);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png);
    return png.toByteArray();
  }

  private static double accuracy(long[] hits, EvalCounts counts, int c) {
    return (double) hits[c] / counts.classImages[c];
  }

  private static double error(long hits, long images) {
    return images == 0 ? Double.NaN : 1 - (double) hits / images;
  }

  /** A one-paragraph summary for the console. */
  public static String describe(Map<String, Object> json) {
    return String.format(Locale.ROOT, "%,d images: top-1 error %.2f%% (%,d correct), top-5 error %.2f%% (%,d correct)",
        ((Number) json.get("images")).longValue(), 100 * ((Number) json.get("top1_error")).doubleValue(),
        ((Number) json.get("top1_correct")).longValue(), 100 * ((Number) json.get("top5_error")).doubleValue(),
        ((Number) json.get("top5_correct")).longValue())
        + ((List<?>) json.get("most_confused")).stream().limit(3).map(p -> (Map<?, ?>) p)
            .map(p -> String.format("%s as %s (%s of %s)", p.get("true_class"), p.get("predicted_class"), p.get("images"),
                p.get("of_true_class")))
            .collect(Collectors.joining(", ", "; most confused: ", ""));
  }
}
