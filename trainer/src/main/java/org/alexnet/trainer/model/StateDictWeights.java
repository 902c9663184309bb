package org.alexnet.trainer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.alexnet.trainer.weights.Tensor;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies a PyTorch AlexNet state_dict into the network {@link Arch#build} made: the five
 * convolutions and three linear layers in order. Convolution weights are OIHW (grouped ones
 * [out, in/groups, k, k]) in both; linear weights are [out, in] in PyTorch and [in, out] in DL4J, so
 * they are transposed. Both flatten the 6x6 feature maps channel-major, so no reordering is needed.
 */
public final class StateDictWeights {
  private StateDictWeights() {}

  public static void load(MultiLayerNetwork net, Map<String, Tensor> state, Arch arch) {
    load(net, state, arch, true);
  }

  /**
   * @param withLogits also the last linear layer; without it (fine-tuning onto other classes) that layer
   *     keeps the initialisation it was built with
   */
  public static void load(MultiLayerNetwork net, Map<String, Tensor> state, Arch arch, boolean withLogits) {
    List<Layer> convolutions = new ArrayList<>();
    List<Layer> linears = new ArrayList<>();
    for (Layer layer : net.getLayers()) {
      var conf = layer.conf().getLayer();
      if (conf instanceof ConvolutionLayer || conf instanceof GroupedConvolution) {
        convolutions.add(layer);
      } else if (conf instanceof DenseLayer) {
        linears.add(layer);
      }
    }
    for (int i = 0; i < 5; i++) {
      String key = "features." + arch.convKeys()[i];
      set(convolutions.get(i), key, "W", array(AlexNetShape.require(state, key + ".weight")));
      set(convolutions.get(i), key, "b", array(AlexNetShape.require(state, key + ".bias")));
    }
    for (int i = 0; i < (withLogits ? 3 : 2); i++) {
      String key = "classifier." + arch.linearKeys()[i];
      set(linears.get(i), key, "W", array(AlexNetShape.require(state, key + ".weight")).transpose().dup('f'));
      set(linears.get(i), key, "b", array(AlexNetShape.require(state, key + ".bias")));
    }
  }

  private static void set(Layer layer, String key, String param, INDArray weights) {
    INDArray target = layer.getParam(param);
    // Biases are [n] in PyTorch and [n] or [1, n] in DL4J depending on the layer: same values.
    INDArray value = param.equals("b") && weights.length() == target.length() ? weights.reshape(target.shape()) : weights;
    if (!Arrays.equals(target.shape(), value.shape())) {
      throw new IllegalArgumentException(String.format("%s %s: the network has shape %s, the weights %s",
          key, param.equals("W") ? "weight" : "bias", Arrays.toString(target.shape()), Arrays.toString(value.shape())));
    }
    target.assign(value);
  }

  private static INDArray array(Tensor t) {
    return Nd4j.create(t.data(), t.shape(), 'c');
  }
}
