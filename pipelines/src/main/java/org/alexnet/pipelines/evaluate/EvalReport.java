package org.alexnet.pipelines.evaluate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  private EvalReport() {}

  /** Writes every file; {@code seconds} is the whole run's time. */
  public static void write(StorageUri out, EvalCounts counts, List<Manifest.ClassLabel> classes,
      EvalSummary.Settings settings, double seconds) throws IOException {
    if (devkitPredictions(counts, classes)) {
      Storage.writeAtomically(out.resolve(PREDICTIONS), predictions(counts, classes).getBytes(StandardCharsets.UTF_8));
    }
    Storage.writeAtomically(out.resolve(PER_CLASS), perClassCsv(counts, classes).getBytes(StandardCharsets.UTF_8));
    Storage.writeAtomically(out.resolve(PLOT), plot(counts));
    Storage.writeAtomically(out.resolve(JSON), summary(counts, classes, settings, seconds).json());
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

  static EvalSummary summary(EvalCounts counts, List<Manifest.ClassLabel> classes, EvalSummary.Settings s,
      double seconds) {
    List<EvalSummary.Confused> confused = counts.mostConfused(20).stream()
        .map(c -> new EvalSummary.Confused(name(classes, c.truth()), name(classes, c.predicted()), c.images(),
            counts.classImages[c.truth()]))
        .toList();
    return new EvalSummary(s.dataset(), s.datasetId(), s.model(), s.modelSha256(), s.arch(), s.shape(),
        s.normalization(), s.cropSize(), s.crops(), s.batch(), s.evaluatedAt(), seconds,
        counts.images() / Math.max(1e-3, seconds), counts.scoringImagesPerSecond(s.batch()), classes.size(),
        devkitPredictions(counts, classes) ? PREDICTIONS : null, counts.images(), counts.top1(), counts.top5(),
        error(counts.top1(), counts.images()), error(counts.top5(), counts.images()), confused);
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
  public static String describe(EvalSummary report) {
    return String.format(Locale.ROOT, "%,d images: top-1 error %.2f%% (%,d correct), top-5 error %.2f%% (%,d correct)",
        report.images(), 100 * report.top1Error(), report.top1Correct(), 100 * report.top5Error(), report.top5Correct())
        + report.mostConfused().stream().limit(3)
            .map(p -> String.format("%s as %s (%s of %s)", p.trueClass(), p.predictedClass(), p.images(),
                p.ofTrueClass()))
            .collect(Collectors.joining(", ", "; most confused: ", ""));
  }
}
