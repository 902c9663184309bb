package org.alexnet.dataset.record;

/** How {@link ImageRecord#encoded()} holds the pixels; the name is the value of {@code image/format}. */
public enum PixelFormat {
  /** Interleaved 8-bit RGB, row-major (HWC), no header. */
  RAW,
  /** A JPEG file. */
  JPEG;

  public static PixelFormat parse(String value) {
    for (PixelFormat f : values()) {
      if (f.name().equalsIgnoreCase(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown image/format '" + value + "': expected RAW or JPEG");
  }
}
