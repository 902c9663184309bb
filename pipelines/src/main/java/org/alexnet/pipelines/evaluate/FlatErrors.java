package org.alexnet.pipelines.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * The ILSVRC devkit's flat (classification) error: with k guesses per image, an image counts as an
 * error when none of its first k predicted ILSVRC2012_IDs is the ground truth. Predictions files hold
 * one line per validation image, in file-name order, of whitespace-separated IDs, best first.
 */
public final class FlatErrors {
  public static final int MAX_GUESSES = 5;

  private FlatErrors() {}

  /** @return the error for 1..5 guesses, index 0 holding 1 guess */
  public static double[] score(List<int[]> predictions, int[] truth) {
    if (predictions.size() != truth.length) {
      throw new IllegalArgumentException(String.format("the predictions have %,d lines, the ground truth %,d images: "
          + "one line per validation image, in file-name order", predictions.size(), truth.length));
    }
    long[] wrong = new long[MAX_GUESSES];
    for (int i = 0; i < truth.length; i++) {
      int[] guesses = predictions.get(i);
      boolean found = false;
      for (int k = 0; k < MAX_GUESSES; k++) {
        found |= k < guesses.length && guesses[k] == truth[i];
        if (!found) {
          wrong[k]++;
        }
      }
    }
    double[] errors = new double[MAX_GUESSES];
    for (int k = 0; k < MAX_GUESSES; k++) {
      errors[k] = (double) wrong[k] / truth.length;
    }
    return errors;
  }

  /** Parses a predictions file; a line with something other than integers is an error naming the line. */
  public static List<int[]> parse(String text, String source) {
    List<int[]> lines = new ArrayList<>();
    String[] rows = text.split("\r?\n", -1);
    int end = rows.length;
    while (end > 0 && rows[end - 1].isBlank()) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      String row = rows[i].strip();
      try {
        lines.add(row.isEmpty() ? new int[0] : java.util.Arrays.stream(row.split("\\s+")).mapToInt(Integer::parseInt)
            .toArray());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(String.format("%s line %d: expected ILSVRC2012_IDs (integers), got '%s'",
            source, i + 1, row.length() > 60 ? row.substring(0, 60) + "..." : row));
      }
    }
    return lines;
  }
}
