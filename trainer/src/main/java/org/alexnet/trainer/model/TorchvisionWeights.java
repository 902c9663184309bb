package org.alexnet.trainer.model;

import java.util.Arrays;
import java.util.Map;
import org.alexnet.trainer.weights.Tensor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies a torchvision AlexNet state_dict into {@link TorchvisionAlexNet}: convolution weights are
 * OIHW in both; linear weights are [out, in] in PyTorch and [in, out] in DL4J, so they are
 * transposed. Both flatten the 6x6 feature maps channel-major, so no reordering is needed.
 */
public final class TorchvisionWeights {
  /** Network layer index of each torchvision conv (features.N) and linear (classifier.N) layer. */
  private static final int[] CONV_LAYERS = {0, 2, 4, 5, 6};
  private static final int[] LINEAR_LAYERS = {9, 11, 13};

  private TorchvisionWeights() {}

  public static void load(MultiLayerNetwork net, Map<String, Tensor> state) {
    for (int i = 0; i < 5; i++) {
      String key = "features." + AlexNetShape.CONV_KEYS[i];
      set(net, CONV_LAYERS[i], "W", array(AlexNetShape.require(state, key + ".weight")));
      set(net, CONV_LAYERS[i], "b", array(AlexNetShape.require(state, key + ".bias")));
    }
    for (int i = 0; i < 3; i++) {
      String key = "classifier." + AlexNetShape.LINEAR_KEYS[i];
      set(net, LINEAR_LAYERS[i], "W", array(AlexNetShape.require(state, key + ".weight")).transpose().dup('f'));
      set(net, LINEAR_LAYERS[i], "b", array(AlexNetShape.require(state, key + ".bias")));
    }
  }

  private static void set(MultiLayerNetwork net, int layer, String param, INDArray weights) {
    INDArray target = net.getLayer(layer).getParam(param);
    // Biases are [n] in PyTorch and [n] or [1, n] in DL4J depending on the layer: same values.
    INDArray value = param.equals("b") && weights.length() == target.length() ? weights.reshape(target.shape()) : weights;
    if (!Arrays.equals(target.shape(), value.shape())) {
      throw new IllegalArgumentException(String.format("layer %d %s: the network has shape %s, the weights %s",
          layer, param, Arrays.toString(target.shape()), Arrays.toString(value.shape())));
    }
    target.assign(value);
  }

  private static INDArray array(Tensor t) {
    return Nd4j.create(t.data(), t.shape(), 'c');
  }
}
