package org.alexnet.trainer.model;

import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.TransferLearning;

/**
 * AlexNet with its features (the convolutions and poolings) frozen: they keep their weights and
 * backprop stops at the classifier, as {@code requires_grad = False} on torchvision's
 * {@code model.features} does. The classifier is what trains.
 */
public final class FrozenFeatures {
  private FrozenFeatures() {}

  /** A copy of {@code net} (same parameter values) whose feature layers are frozen. */
  public static MultiLayerNetwork of(MultiLayerNetwork net) {
    return new TransferLearning.Builder(net).setFeatureExtractor(lastFeatureLayer(net)).build();
  }

  /** The layer just before the classifier: before its first dropout or fully connected layer. */
  static int lastFeatureLayer(MultiLayerNetwork net) {
    for (int i = 0; i < net.getnLayers(); i++) {
      var conf = net.getLayer(i).conf().getLayer();
      if (conf instanceof DropoutLayer || conf instanceof DenseLayer) {
        return i - 1;
      }
    }
    throw new IllegalStateException("no classifier in this network");
  }
}
