package org.alexnet.pipelines.evaluate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the evaluation reports, accumulated from predictions in any order and merged across
 * workers: hit counts overall and per class, how often each (true, predicted) pair was confused, and
 * the predictions themselves for the devkit file.
 */
public final class EvalCounts implements Serializable {
  private final int classes;
  long images;
  long top1;
  long top5;
  final long[] classImages;
  final long[] classTop1;
  final long[] classTop5;
  /** (true label * classes + predicted label) -> images, for wrong top-1 predictions. */
  final Map<Long, Long> confusions = new HashMap<>();
  final List<Prediction> predictions = new ArrayList<>();
  long firstScoredMillis = Long.MAX_VALUE;
  long lastScoredMillis = Long.MIN_VALUE;

  public EvalCounts(int classes) {
    this.classes = classes;
    classImages = new long[classes];
    classTop1 = new long[classes];
    classTop5 = new long[classes];
  }

  void add(Prediction p) {
    images++;
    firstScoredMillis = Math.min(firstScoredMillis, p.scoredAtMillis());
    lastScoredMillis = Math.max(lastScoredMillis, p.scoredAtMillis());
    classImages[p.label()]++;
    if (p.top1Hit()) {
      top1++;
      classTop1[p.label()]++;
    } else {
      confusions.merge((long) p.label() * classes + p.top5()[0], 1L, Long::sum);
    }
    if (p.top5Hit()) {
      top5++;
      classTop5[p.label()]++;
    }
    predictions.add(p);
  }

  EvalCounts merge(EvalCounts other) {
    images += other.images;
    firstScoredMillis = Math.min(firstScoredMillis, other.firstScoredMillis);
    lastScoredMillis = Math.max(lastScoredMillis, other.lastScoredMillis);
    top1 += other.top1;
    top5 += other.top5;
    for (int c = 0; c < classes; c++) {
      classImages[c] += other.classImages[c];
      classTop1[c] += other.classTop1[c];
      classTop5[c] += other.classTop5[c];
    }
    other.confusions.forEach((pair, n) -> confusions.merge(pair, n, Long::sum));
    predictions.addAll(other.predictions);
    return this;
  }

  public long images() {
    return images;
  }

  public long top1() {
    return top1;
  }

  public long top5() {
    return top5;
  }

  /**
   * Images per second while scoring, from the first batch done to the last (so without start-up and
   * model loading): the images after the first batch over that time; NaN when too few to time.
   */
  public double scoringImagesPerSecond(int batch) {
    double seconds = (lastScoredMillis - firstScoredMillis) / 1000.0;
    return images > batch && seconds > 0 ? (images - batch) / seconds : Double.NaN;
  }

  /** A pair of classes the model mixed up, and how many images of {@code truth} it called {@code predicted}. */
  public record Confusion(int truth, int predicted, long images) {}

  /** The most frequent confusions, most first (ties by class order, so the list is deterministic). */
  public List<Confusion> mostConfused(int limit) {
    return confusions.entrySet().stream()
        .map(e -> new Confusion((int) (e.getKey() / classes), (int) (e.getKey() % classes), e.getValue()))
        .sorted(Comparator.comparingLong(Confusion::images).reversed().thenComparingInt(Confusion::truth)
            .thenComparingInt(Confusion::predicted))
        .limit(limit).toList();
  }

  /** Predictions sorted by file name: the devkit's submission order for validation images. */
  public List<Prediction> predictionsByFile() {
    return predictions.stream().sorted(Comparator.comparing(Prediction::filename)).toList();
  }
}
