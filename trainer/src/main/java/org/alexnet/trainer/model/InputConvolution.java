package org.alexnet.trainer.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A convolution that reads the network's input images: the same forward pass as DL4J's, but its
 * backprop computes only the weight and bias gradients, never the gradient of the images, which
 * nothing uses. DL4J computes it for every layer; for AlexNet's first convolution oneDNN does it
 * through a 16-channel padded copy of the batch, a quarter of a training step (batch 64, 224). The
 * weight gradient here is one im2col and one matrix product per image.
 */
final class InputConvolution extends ConvolutionLayer {
  /** For DL4J's configuration serialization. */
  InputConvolution() {}

  InputConvolution(int kernel, int stride, int padding, int out, IActivation activation) {
    super(new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).padding(padding, padding).nOut(out)
        .activation(activation));
  }

  @Override
  public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
      INDArray params, boolean initializeParams, DataType dataType) {
    return Layers.wire(new Impl(conf, dataType), this, conf, listeners, index, params, initializeParams);
  }

  @Override
  public InputConvolution clone() {
    return (InputConvolution) super.clone();
  }

  static final class Impl extends org.deeplearning4j.nn.layers.convolution.ConvolutionLayer {
    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      ConvolutionLayer c = layerConf();
      if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW || convolutionMode == ConvolutionMode.Same) {
        throw new IllegalStateException("InputConvolution supports NCHW input with explicit padding only");
      }
      // dL/dz: the activation's derivative at the pre-activation (kept from the forward pass in cache mode)
      INDArray delta = c.getActivationFn().backprop(preOutput4d(true, true, workspaceMgr).getFirst(), epsilon)
          .getFirst();
      int[] k = c.getKernelSize();
      int[] s = c.getStride();
      int[] p = c.getPadding();
      int[] d = c.getDilation();
      long outChannels = delta.size(1);
      long positions = delta.size(2) * delta.size(3);
      long patch = input.size(1) * k[0] * k[1];

      INDArray weightGrad2d = Nd4j.zeros(input.dataType(), outChannels, patch);
      INDArray columns = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(),
          1, input.size(1), k[0], k[1], delta.size(2), delta.size(3));
      INDArray columns2d = columns.reshape('c', patch, positions);
      // One image at a time: its patch matrix stays in cache for the product, and the batch's never exists.
      for (long image = 0; image < input.size(0); image++) {
        Convolution.im2col(input.get(NDArrayIndex.interval(image, image + 1)), k[0], k[1], s[0], s[1], p[0], p[1],
            d[0], d[1], false, columns);
        INDArray imageDelta = delta.get(NDArrayIndex.point(image)).reshape('c', outChannels, positions);
        Nd4j.gemm(imageDelta, columns2d, weightGrad2d, false, true, 1.0, 1.0);
      }

      INDArray weightGrad = gradientViews.get(ConvolutionParamInitializer.WEIGHT_KEY);
      weightGrad.assign(weightGrad2d.reshape(weightGrad.shape()));
      Gradient gradient = new DefaultGradient();
      if (c.hasBias()) {
        INDArray biasGrad = gradientViews.get(ConvolutionParamInitializer.BIAS_KEY);
        biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));
        gradient.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGrad);
      }
      gradient.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGrad, 'c');
      weightNoiseParams.clear();
      return new Pair<>(gradient, null);
    }
  }
}
