package org.alexnet.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.alexnet.dataset.npy.NpyArray;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Six steps of SGD(lr 0.1, momentum 0.9, weight decay 0.01) land where torch.optim.SGD does, and
 * report the losses PyTorch reports (the criterion's alone, without a weight decay penalty).
 */
class TorchSgdTest {
  @Test
  void matchesTorchOptimSgd() throws IOException {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .updater(new TorchSgd(0.1, 0.9))
        .regularization(List.of(new TorchWeightDecay(0.01)))
        .regularizationBias(List.of(new TorchWeightDecay(0.01)))
        .list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    set(net, "initial");

    INDArray x = array("x");
    INDArray y = array("y");
    float[] losses = array("loss").data().asFloat();
    for (int step = 0; step < 6; step++) {
      INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 3);
      for (int i = 0; i < 8; i++) {
        labels.putScalar(i, (int) y.getFloat(step, i), 1f);
      }
      net.fit(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(step)).dup(), labels);
      assertThat(net.score()).as("loss at step %d", step).isCloseTo((double) losses[step], within(1e-5));
    }
    assertClose(net.getParam("0_W").transpose(), array("final.0.weight"));
    assertClose(net.getParam("0_b").reshape(-1), array("final.0.bias"));
    assertClose(net.getParam("1_W").transpose(), array("final.2.weight"));
    assertClose(net.getParam("1_b").reshape(-1), array("final.2.bias"));
  }

  private static void set(MultiLayerNetwork net, String prefix) throws IOException {
    net.getParam("0_W").assign(array(prefix + ".0.weight").transpose());
    net.getParam("0_b").assign(array(prefix + ".0.bias").reshape(net.getParam("0_b").shape()));
    net.getParam("1_W").assign(array(prefix + ".2.weight").transpose());
    net.getParam("1_b").assign(array(prefix + ".2.bias").reshape(net.getParam("1_b").shape()));
  }

  private static void assertClose(INDArray ours, INDArray torch) {
    float[] a = ours.dup('c').data().asFloat();
    float[] b = torch.dup('c').data().asFloat();
    assertThat(a).hasSameSizeAs(b);
    for (int i = 0; i < a.length; i++) {
      assertThat((double) a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  private static INDArray array(String name) throws IOException {
    try (InputStream in = TorchSgdTest.class.getResourceAsStream("/sgd/" + name + ".npy")) {
      NpyArray a = NpyArray.read(in);
      return Nd4j.create(a.data(), java.util.Arrays.stream(a.shape()).asLongStream().toArray(), 'c');
    }
  }
}
