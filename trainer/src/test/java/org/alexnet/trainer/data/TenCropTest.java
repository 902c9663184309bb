package org.alexnet.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.record.PixelFormat;
import org.junit.jupiter.api.Test;

/** The paper's ten views of a 4x5 image whose red channel is 10*y + x, cropped 2x2, checked by hand. */
class TenCropTest {
  @Test
  void cornersCentreAndTheirMirrors() {
    byte[] pixels = new byte[4 * 5 * 3];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        pixels[(y * 5 + x) * 3] = (byte) (10 * y + x);
      }
    }
    ImageRecord record = new ImageRecord(pixels, PixelFormat.RAW, 4, 5, 3, "RGB", 0, "n01440764", "tench", "a.JPEG");
    InputNormalization none = InputNormalization.meanImage(new NpyArray(new int[] {4, 5, 3}, new float[60]), null);
    float[] out = new float[10 * 3 * 4];
    InputCrops.ten(record, 2, none, out, 0);
    float[][] red = new float[10][];
    for (int v = 0; v < 10; v++) {
      red[v] = java.util.Arrays.copyOfRange(out, v * 12, v * 12 + 4); // first plane of each view
    }
    assertThat(red[0]).containsExactly(0, 1, 10, 11); // top left
    assertThat(red[1]).containsExactly(3, 4, 13, 14); // top right
    assertThat(red[2]).containsExactly(20, 21, 30, 31); // bottom left
    assertThat(red[3]).containsExactly(23, 24, 33, 34); // bottom right
    assertThat(red[4]).containsExactly(11, 12, 21, 22); // centre: origin ((4-2)/2, (5-2)/2)
    assertThat(red[5]).containsExactly(1, 0, 11, 10); // the same five, mirrored
    assertThat(red[6]).containsExactly(4, 3, 14, 13);
    assertThat(red[7]).containsExactly(21, 20, 31, 30);
    assertThat(red[8]).containsExactly(24, 23, 34, 33);
    assertThat(red[9]).containsExactly(12, 11, 22, 21);
  }
}
