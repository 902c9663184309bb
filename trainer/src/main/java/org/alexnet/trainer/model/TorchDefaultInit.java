package org.alexnet.trainer.model;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's default initialisation of Conv2d and Linear, which torchvision's AlexNet keeps: weights
 * and biases uniform in +-1/sqrt(fan_in). Drawn here from one seeded generator in parameter order:
 * ND4J's own generator fills large arrays in parallel and does not give the same weights twice.
 */
final class TorchDefaultInit {
  private TorchDefaultInit() {}

  static void apply(MultiLayerNetwork net, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (Layer layer : net.getLayers()) {
      INDArray w = layer.getParam("W");
      if (w == null) {
        continue;
      }
      INDArray b = layer.getParam("b");
      long fanIn = w.rank() == 4 ? w.length() / w.size(0) : w.size(0); // conv OIHW; dense [in, out]
      double bound = 1 / Math.sqrt(fanIn);
      fill(w, bound, random);
      fill(b, bound, random);
    }
  }

  private static void fill(INDArray target, double bound, SplittableRandom random) {
    float[] values = new float[(int) target.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
    }
    target.assign(Nd4j.create(values, target.shape(), target.ordering()));
  }
}
