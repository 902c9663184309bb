package org.alexnet.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/** Patch rows are ND4J's im2col, transposed, for the geometries the input convolutions use and odd ones. */
class PatchesTest {
  @ParameterizedTest(name = "{0} channels, {1}x{2}, kernel {3}, stride {4}, padding {5}")
  @CsvSource({
      "3, 23, 23, 5, 2, 1",
      "3, 31, 31, 11, 4, 2", // torchvision's conv1 geometry
      "3, 35, 35, 11, 4, 0", // the paper's conv1 geometry (227 = 4 * 54 + 11)
      "2, 9, 14, 3, 2, 3", // padding wider than the window's overhang, not square, sizes not divisible
      "1, 5, 5, 5, 1, 0"})
  void rowsAreTheTransposeOfNd4jsIm2col(int channels, int height, int width, int kernel, int stride, int padding) {
    Patches patches = new Patches(channels, height, width, kernel, stride, padding);
    INDArray image = Nd4j.rand(DataType.FLOAT, 1, channels, height, width).addi(1); // no zeros in the image
    INDArray columns = Nd4j.create(DataType.FLOAT, 1, channels, kernel, kernel, patches.outHeight(), patches.outWidth());
    Convolution.im2col(image, kernel, kernel, stride, stride, padding, padding, 1, 1, false, columns);

    float[] rows = new float[patches.positions() * patches.patchSize()];
    Arrays.fill(rows, Float.NaN); // every element must be written
    patches.rows(image.data().asFloat(), rows);

    INDArray expected = columns.reshape('c', patches.patchSize(), patches.positions()).transpose();
    INDArray actual = Nd4j.create(rows, new long[] {patches.positions(), patches.patchSize()}, 'c');
    assertThat(actual).isEqualTo(expected);
    if (padding > 0) {
      assertThat(actual.minNumber().doubleValue()).as("zeros from the padding").isZero();
    }
  }

  @Test
  void refusesAWindowLargerThanThePaddedImage() {
    assertThatThrownBy(() -> new Patches(3, 10, 10, 11, 4, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not fit 10x10");
  }
}
