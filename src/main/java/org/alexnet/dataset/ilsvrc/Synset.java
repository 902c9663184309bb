package org.alexnet.dataset.ilsvrc;

import java.util.Arrays;

/**
 * One entry of the devkit's {@code meta.mat} synset table. IDs 1..1000 are the ILSVRC2012 classes
 * (leaves, no children); the rest are WordNet internal nodes.
 */
public record Synset(
    int ilsvrc2012Id,
    String wnid,
    String words,
    String gloss,
    int[] children,
    int wordnetHeight,
    int numTrainImages) {

  public boolean isLeaf() {
    return children.length == 0;
  }

  public Synset withNumTrainImages(int count) {
    return new Synset(ilsvrc2012Id, wnid, words, gloss, children, wordnetHeight, count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Synset s && ilsvrc2012Id == s.ilsvrc2012Id && wnid.equals(s.wnid) && words.equals(s.words)
        && gloss.equals(s.gloss) && Arrays.equals(children, s.children) && wordnetHeight == s.wordnetHeight
        && numTrainImages == s.numTrainImages;
  }

  @Override
  public int hashCode() {
    return 31 * ilsvrc2012Id + wnid.hashCode();
  }
}
