package org.alexnet.trainer.model;

/** Side lengths through AlexNet's feature layers, with PyTorch's (floor) arithmetic. */
final class FeatureMaps {
  private FeatureMaps() {}

  /** After conv1 (11, stride 4, the given padding). */
  static int conv1(int input, int padding) {
    return (input + 2 * padding - 11) / 4 + 1;
  }

  /** After a 3x3 stride-2 max pooling; 0 when the map is smaller than the window. */
  static int pool(int size) {
    return size < 3 ? 0 : (size - 3) / 2 + 1;
  }

  /** Side of the last pooling's output: conv1, pool, conv2 (same size), pool, conv3-5 (same), pool. */
  static int last(int input, int conv1Padding) {
    return pool(pool(pool(conv1(input, conv1Padding))));
  }
}
