package org.alexnet.pipelines.prepare.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChannelMomentsTest {
  /** Exact integer sums, also where 32-bit sums would overflow (12 million white pixels). */
  @Test
  void sumsAndProductsAreExact() {
    Random random = new Random(3);
    try (ChannelMoments moments = new ChannelMoments()) {
      for (int pixels : new int[] {1, 7, 256 * 256, 341 * 256, 4000 * 3000}) {
        byte[] rgb = new byte[pixels * 3];
        if (pixels == 4000 * 3000) {
          java.util.Arrays.fill(rgb, (byte) 255);
        } else {
          random.nextBytes(rgb);
        }
        assertEquals(plainSums(rgb), moments.of(rgb), pixels + " pixels");
      }
    }
  }

  private static ChannelMoments.Sums plainSums(byte[] rgb) {
    long r = 0, g = 0, b = 0, rr = 0, rg = 0, rb = 0, gg = 0, gb = 0, bb = 0;
    for (int p = 0; p < rgb.length; p += 3) {
      long pr = rgb[p] & 0xff;
      long pg = rgb[p + 1] & 0xff;
      long pb = rgb[p + 2] & 0xff;
      r += pr;
      g += pg;
      b += pb;
      rr += pr * pr;
      rg += pr * pg;
      rb += pr * pb;
      gg += pg * pg;
      gb += pg * pb;
      bb += pb * pb;
    }
    return new ChannelMoments.Sums(r, g, b, rr, rg, rb, gg, gb, bb);
  }
}
