package org.alexnet.pipelines.prepare.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.av_force_cpu_flags;
import static org.bytedeco.ffmpeg.global.avutil.av_get_cpu_flags;
import static org.bytedeco.opencv.global.opencv_core.setUseOptimized;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dataset's bytes must not depend on the CPU that prepared it: FFmpeg and OpenCV pick SIMD code by
 * the CPU's features, so the same files are prepared with every SIMD path switched off and with this
 * machine's, and must come out byte for byte the same (without swscale's bit-exact flags, some differ).
 */
class MachineIndependenceTest {
  private static final String[] FILES = {"python3-sklearn__china.jpg", "DERIVED__n02105855_2933_like.JPEG",
      "imagemagick-6-doc__wizard.jpg", "pillow-src__hopper_gray.jpg", "pillow-src__junk_jpeg_header.jpg",
      "python3-skimage__coffee.png", "DERIVED__coffee_cmyk_adobe.jpg"};

  @AfterEach
  void detectAgain() {
    av_force_cpu_flags(-1);
    setUseOptimized(true);
  }

  @Test
  void plainCAndThisCpusSimdPrepareTheSameBytes() throws IOException {
    assertThat(av_get_cpu_flags()).as("this CPU's SIMD features, which the comparison needs").isNotZero();
    av_force_cpu_flags(0);
    setUseOptimized(false);
    List<byte[]> plain = prepareAll();
    av_force_cpu_flags(-1);
    setUseOptimized(true);
    List<byte[]> simd = prepareAll();
    assertThat(simd).hasSameSizeAs(plain);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(simd.get(i)).as("image %d (each file at sizes 64 and 256, both crops)", i).isEqualTo(plain.get(i));
    }
  }

  private static List<byte[]> prepareAll() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (int size : new int[] {64, 256}) {
      for (StoredCrop crop : StoredCrop.values()) {
        try (ImagePreparer preparer = new ImagePreparer(size, crop)) {
          for (String name : FILES) {
            byte[] file = ImagePreparerTest.read(name);
            out.add(preparer.prepare(file, ImageHeader.parse(file)).rgb());
          }
        }
      }
    }
    return out;
  }
}
