package org.alexnet.dataset.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class NpyArrayTest {
  @Test
  void roundTripsFloat32WithANumpyCompatibleHeader() throws IOException {
    NpyArray mean = new NpyArray(new int[] {2, 2, 3}, new float[] {1.5f, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12.25f});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mean.write(out);
    assertThat(NpyArray.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(mean);
  }

  /** The same array numpy saved in f4_2x3x4.npy, written by us, is the same file byte for byte. */
  @Test
  void writesWhatNumpyWrites() throws IOException {
    NpyArray fromNumpy = read("f4_2x3x4.npy");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NpyArray(fromNumpy.shape(), fromNumpy.data()).write(out);
    try (InputStream numpy = NpyArrayTest.class.getResourceAsStream("/npy/f4_2x3x4.npy")) {
      assertThat(out.toByteArray()).isEqualTo(numpy.readAllBytes());
    }
  }

  @Test
  void writesOneDimensionalShapesAsNumpyDoes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NpyArray(new int[] {3}, new float[] {1, 2, 3}).write(out);
    assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).contains("'shape': (3,), }");
  }

  /** Files written by numpy 2.4 ({@code np.save}). */
  @Test
  void readsFilesWrittenByNumpy() throws IOException {
    NpyArray f4 = read("f4_2x3x4.npy");
    assertThat(f4.shape()).containsExactly(2, 3, 4);
    assertThat(f4.data()[0]).isEqualTo(-1f);
    assertThat(f4.data()[23]).isEqualTo(23f / 8 - 1);
    assertThat(read("f8_5.npy").data()).containsExactly(0.5f, -1.25f, 3.0f, 1e-3f, 255.0f);
    NpyArray u1 = read("u1_2x2x3.npy");
    assertThat(u1.shape()).containsExactly(2, 2, 3);
    assertThat(u1.data()[11]).isEqualTo(220f);
  }

  @Test
  void rejectsWhatIsNotNpy() {
    assertThatThrownBy(() -> NpyArray.read(new ByteArrayInputStream("PK\3\4 zip".getBytes())))
        .isInstanceOf(IOException.class).hasMessageContaining("not a .npy");
  }

  private static NpyArray read(String name) throws IOException {
    try (InputStream in = NpyArrayTest.class.getResourceAsStream("/npy/" + name)) {
      return NpyArray.read(in);
    }
  }
}
