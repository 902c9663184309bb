package org.alexnet.pipelines.prepare.image;

/** How prepare cuts an image before storing it (the trainer's InputCrops cut the network's inputs from it). */
public enum StoredCrop {
  /** The central SIZE x SIZE square, as the AlexNet paper and TensorFlow's tooling store it. */
  CENTER,
  /** No cut: the shorter side is SIZE and the aspect ratio is kept. */
  NONE
}
