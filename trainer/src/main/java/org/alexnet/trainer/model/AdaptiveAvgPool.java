package org.alexnet.trainer.model;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's AdaptiveAvgPool2d for a fixed input size, which DL4J lacks: output cell (i, j) averages
 * input rows floor(i*H/OUT) .. ceil((i+1)*H/OUT) and the same columns (windows overlap or repeat
 * when H is not a multiple of OUT). Being linear, it is one matrix product per channel, and DL4J's
 * SameDiff gives its gradient.
 */
public final class AdaptiveAvgPool extends SameDiffLambdaLayer {
  private int channels;
  private int height;
  private int width;
  private int out;

  /** For DL4J's configuration cloning and JSON. */
  public AdaptiveAvgPool() {}

  public AdaptiveAvgPool(int channels, int height, int width, int out) {
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.out = out;
  }

  @Override
  public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
    SDVariable weights = sameDiff.constant("adaptive_pool", Nd4j.create(poolingMatrix()).castTo(Nd4j.defaultFloatingPointType()));
    return DoubledGradient.compensate(sameDiff,
        input.reshape(-1, (long) height * width).mmul(weights).reshape(-1, channels, out, out));
  }

  /** [H*W, OUT*OUT]: column (i*OUT + j) holds 1/area over the window of output cell (i, j). */
  double[][] poolingMatrix() {
    double[][] m = new double[height * width][out * out];
    for (int i = 0; i < out; i++) {
      int y0 = i * height / out;
      int y1 = ceilDiv((i + 1) * height, out);
      for (int j = 0; j < out; j++) {
        int x0 = j * width / out;
        int x1 = ceilDiv((j + 1) * width, out);
        double share = 1.0 / ((y1 - y0) * (x1 - x0));
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            m[y * width + x][i * out + j] = share;
          }
        }
      }
    }
    return m;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  @Override
  public InputType getOutputType(int layerIndex, InputType inputType) {
    return InputType.convolutional(out, out, channels);
  }

  public int getChannels() {
    return channels;
  }

  public void setChannels(int channels) {
    this.channels = channels;
  }

  public int getHeight() {
    return height;
  }

  public void setHeight(int height) {
    this.height = height;
  }

  public int getWidth() {
    return width;
  }

  public void setWidth(int width) {
    this.width = width;
  }

  public int getOut() {
    return out;
  }

  public void setOut(int out) {
    this.out = out;
  }
}
