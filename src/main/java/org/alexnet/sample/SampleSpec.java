package org.alexnet.sample;

import org.alexnet.dataset.ilsvrc.SynsetTable;

/** What {@code make-sample} produces: how many classes and images, from which seed. */
public record SampleSpec(int classes, int trainPerClass, int valPerClass, long seed, boolean edgeCases) {
  public SampleSpec {
    if (classes < 1 || classes > SynsetTable.CLASSES) {
      throw new IllegalArgumentException("--classes must be 1.." + SynsetTable.CLASSES + ", got " + classes);
    }
    if (trainPerClass < 1 || valPerClass < 0) {
      throw new IllegalArgumentException("need at least one train image per class and no negative val count");
    }
  }
}
