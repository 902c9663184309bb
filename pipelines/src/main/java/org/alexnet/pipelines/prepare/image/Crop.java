package org.alexnet.pipelines.prepare.image;

/** How a resized image is cut. */
public enum Crop {
  /** The central SIZE x SIZE square, as the AlexNet paper and TensorFlow's tooling store it. */
  CENTER,
  /** No cut: the shorter side is SIZE and the aspect ratio is kept. */
  NONE
}
