package org.alexnet.dataset.manifest;

/** Shard file names in TensorFlow's style: {@code train-00042-of-01024}. */
public final class ShardName {
  private ShardName() {}

  public static String of(String split, int index, int count) {
    if (index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + " of " + count);
    }
    return String.format("%s-%05d-of-%05d", split, index, count);
  }
}
