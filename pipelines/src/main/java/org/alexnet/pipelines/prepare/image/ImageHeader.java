package org.alexnet.pipelines.prepare.image;

import org.alexnet.dataset.manifest.QuarantineReason;

/**
 * What the first bytes of a file say: its format and pixel size, read from the JPEG frame header or
 * PNG IHDR before any decoder allocates the pixels; and whether the file is cut short.
 */
public record ImageHeader(Format format, int width, int height) {
  public enum Format { JPEG, PNG }

  /** How far from the end a JPEG's end-of-image marker may be (some writers append padding). */
  private static final int EOI_SEARCH = 1 << 16;

  /**
   * Why these bytes cannot be an image we accept, or null if they can. The pixel limit is checked
   * before completeness: a header claiming billions of pixels is refused as such.
   */
  public static Rejection check(byte[] data, long maxPixels) {
    if (data.length == 0) {
      return new Rejection(QuarantineReason.EMPTY, "0 bytes");
    }
    ImageHeader header;
    try {
      header = parse(data);
    } catch (IllegalArgumentException e) {
      return new Rejection(QuarantineReason.NOT_AN_IMAGE, e.getMessage());
    } catch (IllegalStateException e) {
      return new Rejection(QuarantineReason.CORRUPT, e.getMessage());
    } catch (IndexOutOfBoundsException e) {
      return new Rejection(QuarantineReason.TRUNCATED, "file ends inside the image header");
    }
    if (header.width <= 0 || header.height <= 0) {
      return new Rejection(QuarantineReason.CORRUPT, "header gives size " + header.width + "x" + header.height);
    }
    if ((long) header.width * header.height > maxPixels) {
      return new Rejection(QuarantineReason.TOO_LARGE, String.format("%dx%d = %,d pixels, over the limit of %,d",
          header.width, header.height, (long) header.width * header.height, maxPixels));
    }
    if (!complete(header.format, data)) {
      return new Rejection(QuarantineReason.TRUNCATED, header.format == Format.JPEG
          ? "no JPEG end-of-image marker: the file is cut short" : "no PNG IEND chunk: the file is cut short");
    }
    return null;
  }

  /** A file that is not written, and why. */
  public record Rejection(QuarantineReason reason, String detail) {}

  public static ImageHeader parse(byte[] d) {
    if (d.length >= 3 && (d[0] & 0xff) == 0xFF && (d[1] & 0xff) == 0xD8 && (d[2] & 0xff) == 0xFF) {
      return jpeg(d);
    }
    if (d.length >= 8 && (d[0] & 0xff) == 0x89 && d[1] == 'P' && d[2] == 'N' && d[3] == 'G') {
      if (d[12] != 'I' || d[13] != 'H' || d[14] != 'D' || d[15] != 'R') {
        throw new IllegalStateException("PNG signature without an IHDR header");
      }
      return new ImageHeader(Format.PNG, int32(d, 16), int32(d, 20));
    }
    throw new IllegalArgumentException("neither JPEG nor PNG (starts with " + hex(d) + ")");
  }

  /** Walks JPEG markers to the first frame header (SOF0..SOF15 except DHT, JPG and DAC). */
  private static ImageHeader jpeg(byte[] d) {
    int i = 2;
    while (true) {
      while ((d[i] & 0xff) != 0xFF) {
        i++;
      }
      while ((d[i] & 0xff) == 0xFF) {
        i++;
      }
      int marker = d[i] & 0xff;
      i++;
      if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
        continue;
      }
      if (marker == 0xD9 || marker == 0xDA) {
        throw new IllegalStateException("JPEG without a frame header");
      }
      int length = ((d[i] & 0xff) << 8) | (d[i + 1] & 0xff);
      boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (frame) {
        int height = ((d[i + 3] & 0xff) << 8) | (d[i + 4] & 0xff);
        int width = ((d[i + 5] & 0xff) << 8) | (d[i + 6] & 0xff);
        return new ImageHeader(Format.JPEG, width, height);
      }
      i += length;
    }
  }

  private static boolean complete(Format format, byte[] d) {
    if (format == Format.PNG) {
      return d.length >= 12 && d[d.length - 8] == 'I' && d[d.length - 7] == 'E' && d[d.length - 6] == 'N' && d[d.length - 5] == 'D';
    }
    for (int i = d.length - 2; i >= Math.max(2, d.length - EOI_SEARCH); i--) {
      if ((d[i] & 0xff) == 0xFF && (d[i + 1] & 0xff) == 0xD9) {
        return true;
      }
    }
    return false;
  }

  private static int int32(byte[] d, int offset) {
    return ((d[offset] & 0xff) << 24) | ((d[offset + 1] & 0xff) << 16) | ((d[offset + 2] & 0xff) << 8) | (d[offset + 3] & 0xff);
  }

  private static String hex(byte[] d) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(4, d.length); i++) {
      s.append(String.format("%02x", d[i] & 0xff));
    }
    return s.toString();
  }
}
