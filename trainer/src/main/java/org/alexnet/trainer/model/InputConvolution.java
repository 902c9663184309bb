package org.alexnet.trainer.model;

import java.nio.FloatBuffer;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.concurrency.AffinityManager;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A convolution that reads the network's input images: the same forward pass as DL4J's, but its
 * backprop computes only the weight and bias gradients, never the gradient of the images, which
 * nothing uses. DL4J computes it for every layer; for AlexNet's first convolution oneDNN does it
 * through a 16-channel padded copy of the batch, a quarter of a training step (batch 64, 224). The
 * weight gradient here is, per image, its {@link Patches} rows and one matrix product.
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
    /** Reused across steps: one image, its patch rows, and the same rows where the product reads them. */
    private float[] image;
    private float[] rows;
    private INDArray rowsMatrix;

    Impl(NeuralNetConfiguration conf, DataType dataType) {
      super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
      ConvolutionLayer c = layerConf();
      Patches patches = patches(c);
      // dL/dz: the activation's derivative at the pre-activation (kept from the forward pass in cache mode)
      INDArray delta = c.getActivationFn().backprop(preOutput4d(true, true, workspaceMgr).getFirst(), epsilon)
          .getFirst();
      long outChannels = delta.size(1);
      allocate(patches);

      INDArray images = input.ordering() == 'c' && Shape.hasDefaultStridesForShape(input) ? input : input.dup('c');
      // The rows are made on the host: on a GPU backend, fetch the images first and flag each write.
      AffinityManager memory = Nd4j.getAffinityManager();
      memory.ensureLocation(images, AffinityManager.Location.HOST);
      // ND4J's NIO views start at the buffer and are positioned at the array's offset: slice from there.
      FloatBuffer pixels = images.data().asNioFloat().slice();
      FloatBuffer rowsOffHeap = rowsMatrix.data().asNioFloat().slice();
      INDArray weightGrad2d = Nd4j.zeros(DataType.FLOAT, outChannels, patches.patchSize());
      // One image at a time: its patch rows stay in cache for the product, and the batch's never exist.
      for (long i = 0; i < images.size(0); i++) {
        pixels.get((int) i * image.length, image, 0, image.length);
        patches.rows(image, rows);
        rowsOffHeap.put(0, rows, 0, rows.length);
        memory.tagLocation(rowsMatrix, AffinityManager.Location.HOST);
        INDArray imageDelta = delta.get(NDArrayIndex.point(i)).reshape('c', outChannels, patches.positions());
        Nd4j.gemm(imageDelta, rowsMatrix, weightGrad2d, false, false, 1.0, 1.0);
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

    private Patches patches(ConvolutionLayer c) {
      int[] k = c.getKernelSize();
      int[] s = c.getStride();
      int[] p = c.getPadding();
      int[] d = c.getDilation();
      boolean square = k[0] == k[1] && s[0] == s[1] && p[0] == p[1] && d[0] == 1 && d[1] == 1;
      if (c.getCnn2dDataFormat() != CNN2DFormat.NCHW || convolutionMode == ConvolutionMode.Same || !square
          || input.dataType() != DataType.FLOAT) {
        throw new IllegalStateException("InputConvolution supports float NCHW input, square windows, explicit "
            + "padding and no dilation only");
      }
      return new Patches((int) input.size(1), (int) input.size(2), (int) input.size(3), k[0], s[0], p[0]);
    }

    private void allocate(Patches patches) {
      int rowsLength = patches.positions() * patches.patchSize();
      if (image == null || image.length != patches.imageSize() || rows.length != rowsLength) {
        image = new float[patches.imageSize()];
        rows = new float[rowsLength];
        rowsMatrix = Nd4j.createUninitializedDetached(DataType.FLOAT, patches.positions(), patches.patchSize());
      }
    }
  }
}
