package org.alexnet.trainer.model;

import java.util.Collection;
import java.util.List;
import org.alexnet.trainer.optim.TorchWeightDecay;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** What both AlexNets are made of, in DL4J's terms. */
final class Layers {
  private Layers() {}

  /**
   * The configuration both start from: {@code weightDecay} on weights and biases, added to the
   * gradient before the updater and left out of the loss (torch.optim.SGD's weight_decay); PyTorch's
   * output-size arithmetic (Truncate); initial values left to each network's own initialisation,
   * drawn after building.
   */
  static NeuralNetConfiguration.ListBuilder start(long seed, IUpdater updater, double weightDecay) {
    List<Regularization> decay = weightDecay == 0 ? List.of() : List.of(new TorchWeightDecay(weightDecay));
    return new NeuralNetConfiguration.Builder()
        .seed(seed)
        .updater(updater)
        .regularization(decay)
        .regularizationBias(decay)
        .weightInit(WeightInit.ZERO)
        .convolutionMode(ConvolutionMode.Truncate)
        // Keeps each convolution's pre-activation from the forward pass for backprop, which otherwise
        // runs the whole convolution again (about 10% of a training step).
        .cacheMode(CacheMode.DEVICE)
        .list();
  }

  /** Overlapping max pooling, 3x3 stride 2. */
  static SubsamplingLayer maxPool() {
    return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(2, 2).build();
  }

  static DenseLayer hidden(AlexNetShape shape) {
    return new CachedDense(shape.hidden(), new Relu());
  }

  /** Dropout with p = 0.5 (DL4J takes the probability of keeping a unit, which is the same here). */
  static DropoutLayer dropout() {
    return new DropoutLayer.Builder(0.5).build();
  }

  /**
   * Adds the logits layer and, separately, the softmax loss (so that the logits layer's activations
   * are what PyTorch returns), then builds and initialises the network for {@code input}-pixel images.
   */
  static MultiLayerNetwork finish(NeuralNetConfiguration.ListBuilder layers, AlexNetShape shape, int input) {
    MultiLayerNetwork net = new MultiLayerNetwork(layers
        .layer(new CachedDense(shape.classes(), Activation.IDENTITY.getActivationFunction()))
        .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(input, input, 3))
        .build());
    net.init();
    return net;
  }

  /** What DL4J's own layer configurations do in {@code instantiate}, for our layer implementations. */
  static org.deeplearning4j.nn.api.Layer wire(org.deeplearning4j.nn.layers.BaseLayer<?> layer, Layer config,
      NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index, INDArray params,
      boolean initializeParams) {
    layer.setListeners(listeners);
    layer.setIndex(index);
    layer.setParamsViewArray(params);
    layer.setParamTable(config.initializer().init(conf, params, initializeParams));
    layer.setConf(conf);
    return layer;
  }
}
