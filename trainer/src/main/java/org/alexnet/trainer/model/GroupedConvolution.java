package org.alexnet.trainer.model;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * A convolution whose input and output channels are split into groups, each group seeing only its
 * own input channels (the 2012 network's split over two GPUs; PyTorch's {@code groups=}), followed by
 * ReLU. DL4J has no grouped convolution; this runs one convolution per group inside SameDiff, which
 * derives the gradient. Weights are [out, in/groups, k, k] as in PyTorch and Caffe.
 */
public final class GroupedConvolution extends SameDiffLayer {
  public static final String WEIGHTS = "W";
  public static final String BIAS = "b";

  private int nIn;
  private int nOut;
  private int kernel;
  private int padding;
  private int groups;
  private int inputSize;

  /** For DL4J's configuration cloning and JSON. */
  public GroupedConvolution() {}

  /** Stride 1, square kernel, on square {@code inputSize} maps (the output keeps that size). */
  public GroupedConvolution(int nIn, int nOut, int kernel, int padding, int groups, int inputSize) {
    if (nIn % groups != 0 || nOut % groups != 0) {
      throw new IllegalArgumentException(String.format("%d -> %d channels do not split into %d groups", nIn, nOut, groups));
    }
    this.nIn = nIn;
    this.nOut = nOut;
    this.kernel = kernel;
    this.padding = padding;
    this.groups = groups;
    this.inputSize = inputSize;
  }

  @Override
  public void defineParameters(SDLayerParams params) {
    params.addWeightParam(WEIGHTS, nOut, nIn / groups, kernel, kernel);
    params.addBiasParam(BIAS, 1, nOut);
  }

  @Override
  public void initializeParameters(Map<String, INDArray> params) {
    params.values().forEach(p -> p.assign(0)); // the network's builder draws the real initial values
  }

  @Override
  public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
    Conv2DConfig config = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(1).sW(1).pH(padding).pW(padding)
        .dH(1).dW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").weightsFormat(WeightsFormat.YXIO).build();
    SDVariable[] inputs = sd.split(input, groups, 1);
    // Stored OIYX as PyTorch has them; conv2d's gradient op takes only YXIO in ND4J M2.1.
    SDVariable[] weights = sd.split(params.get(WEIGHTS).permute(2, 3, 1, 0), groups, 3);
    SDVariable[] biases = sd.split(params.get(BIAS).reshape(nOut), groups, 0);
    SDVariable[] outputs = new SDVariable[groups];
    for (int g = 0; g < groups; g++) {
      outputs[g] = sd.cnn().conv2d(inputs[g], weights[g], biases[g], config);
    }
    return DoubledGradient.compensate(sd, sd.nn().relu(sd.concat(1, outputs), 0));
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    int size = inputSize + 2 * padding - kernel + 1;
    return InputType.convolutional(size, size, nOut);
  }

  public int getNIn() {
    return nIn;
  }

  public void setNIn(int nIn) {
    this.nIn = nIn;
  }

  public int getNOut() {
    return nOut;
  }

  public void setNOut(int nOut) {
    this.nOut = nOut;
  }

  public int getKernel() {
    return kernel;
  }

  public void setKernel(int kernel) {
    this.kernel = kernel;
  }

  public int getPadding() {
    return padding;
  }

  public void setPadding(int padding) {
    this.padding = padding;
  }

  public int getGroups() {
    return groups;
  }

  public void setGroups(int groups) {
    this.groups = groups;
  }

  public int getInputSize() {
    return inputSize;
  }

  public void setInputSize(int inputSize) {
    this.inputSize = inputSize;
  }
}
