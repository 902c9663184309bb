package org.alexnet.sample;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link SampleGenerator} wrote.
 *
 * @param trainCounts files per class tar, edge cases included, by WNID
 * @param validationWnids the class of each validation image, in file-name order
 * @param edgeCases the injected files (class tar member name) and what they are
 */
public record SampleSummary(
    Path trainTar, Path valTar, Path devkit,
    List<String> wnids, Map<String, Integer> trainCounts, List<String> validationWnids,
    Map<String, EdgeCase> edgeCases) {

  public int trainImages() {
    return trainCounts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
