package org.alexnet.trainer.data;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The AlexNet paper's colour augmentation: to every pixel of an image add sum_i a_i * lambda_i * p_i,
 * where p_i, lambda_i are the eigenvectors and eigenvalues of the training set's 3x3 RGB covariance
 * (from the manifest) and a_i ~ N(0, sigma), drawn once per image (the paper: sigma 0.1). The paper
 * writes lambda_i; with a covariance in 0..255 units the shift is sum a_i * sqrt(lambda_i) * p_i in
 * the same units, which is what fb.resnet.torch and torchvision-style "Lighting" use.
 */
public final class PcaColourNoise {
  private final double sigma;
  private final double[] scale = new double[3];
  private final double[][] vectors = new double[3][];

  public PcaColourNoise(double[][] rgbCovariance, double sigma) {
    this.sigma = sigma;
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(rgbCovariance));
    for (int i = 0; i < 3; i++) {
      scale[i] = Math.sqrt(Math.max(0, eigen.getRealEigenvalue(i)));
      RealVector v = eigen.getEigenvector(i);
      vectors[i] = v.toArray();
    }
  }

  /** The RGB shift, in pixel units, for one image. */
  public float[] shift(SplittableRandom random) {
    float[] rgb = new float[3];
    for (int i = 0; i < 3; i++) {
      double a = random.nextGaussian() * sigma * scale[i];
      for (int c = 0; c < 3; c++) {
        rgb[c] += (float) (a * vectors[i][c]);
      }
    }
    return rgb;
  }

  double eigenvalue(int i) {
    return scale[i] * scale[i];
  }

  double[] eigenvector(int i) {
    return vectors[i].clone();
  }
}
