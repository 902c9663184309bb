package org.alexnet.sample;

import org.alexnet.dataset.ilsvrc.SynsetTable;

/**
 * What {@code make-sample} produces: how many classes and images, from which seed.
 *
 * @param subsetDevkit a devkit for the sample's classes only (IDs 1..K and a root above them), instead
 *     of the real devkit's 1000 classes
 */
public record SampleSpec(int classes, int trainPerClass, int valPerClass, long seed, boolean edgeCases,
    boolean subsetDevkit) {
  public SampleSpec {
    if (classes < 1 || classes > SynsetTable.CLASSES) {
      throw new IllegalArgumentException("--classes must be 1.." + SynsetTable.CLASSES + ", got " + classes);
    }
    if (trainPerClass < 1) {
      throw new IllegalArgumentException("--train-per-class must be at least 1, got " + trainPerClass);
    }
    if (valPerClass < 0) {
      throw new IllegalArgumentException("--val-per-class must not be negative, got " + valPerClass);
    }
  }

  /** Every file the sample will hold, edge cases included. */
  public long totalImages() {
    return (long) classes * (trainPerClass + valPerClass) + (edgeCases ? EdgeCase.values().length : 0);
  }
}
