package org.alexnet.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.alexnet.dataset.manifest.QuarantineReason;

/**
 * The awkward files real ILSVRC2012 archives (and real photo collections) hold, injected into train
 * class tars by {@code make-sample --edge-cases}. Each knows what a correct prepare step does with it.
 */
public enum EdgeCase {
  /** An Adobe CMYK (YCCK) JPEG: 22 of these are in the real train set. */
  CMYK(null),
  /** PNG bytes in a file named .JPEG, like the real n02105855_2933.JPEG. */
  PNG_AS_JPEG(null),
  GRAYSCALE(null),
  PROGRESSIVE(null),
  /** A JPEG cut short: decoders fill the rest with grey unless told not to. */
  TRUNCATED(QuarantineReason.TRUNCATED),
  EMPTY(QuarantineReason.EMPTY),
  /** A small JPEG whose frame header claims 65535x65535 pixels: must be refused before allocating them. */
  HUGE_HEADER(QuarantineReason.TOO_LARGE);

  private static final String CMYK_RESOURCE = "cmyk_adobe_coffee.jpg";
  private static final int SOF0 = 0xC0;

  private final QuarantineReason expectedReason;

  EdgeCase(QuarantineReason expectedReason) {
    this.expectedReason = expectedReason;
  }

  /** Why a correct prepare step quarantines this file, or null if it must be written. */
  public QuarantineReason expectedReason() {
    return expectedReason;
  }

  /** The file's bytes, drawn from this class's picture where the case allows. */
  byte[] bytes(BufferedImage picture) {
    return switch (this) {
      case CMYK -> resource(CMYK_RESOURCE);
      case PNG_AS_JPEG -> ImageFiles.png(picture);
      case GRAYSCALE -> ImageFiles.jpeg(ImageFiles.grayscale(picture), 0.9f, false);
      case PROGRESSIVE -> ImageFiles.jpeg(picture, 0.9f, true);
      case TRUNCATED -> {
        byte[] full = ImageFiles.jpeg(picture, 0.9f, false);
        yield Arrays.copyOf(full, full.length * 11 / 20);
      }
      case EMPTY -> new byte[0];
      case HUGE_HEADER -> claimHugeSize(ImageFiles.jpeg(picture, 0.9f, false));
    };
  }

  private static byte[] claimHugeSize(byte[] jpeg) {
    byte[] patched = jpeg.clone();
    for (int i = 2; i + 8 < patched.length; i++) {
      if ((patched[i] & 0xff) == 0xFF && (patched[i + 1] & 0xff) == SOF0) {
        // SOF0: FF C0, length (2), precision (1), height (2), width (2)
        patched[i + 5] = (byte) 0xFF;
        patched[i + 6] = (byte) 0xFF;
        patched[i + 7] = (byte) 0xFF;
        patched[i + 8] = (byte) 0xFF;
        return patched;
      }
    }
    throw new IllegalStateException("JPEG without a baseline frame header");
  }

  private static byte[] resource(String name) {
    try (InputStream in = EdgeCase.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
