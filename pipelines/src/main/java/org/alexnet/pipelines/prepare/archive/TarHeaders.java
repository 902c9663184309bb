package org.alexnet.pipelines.prepare.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses 512-byte tar headers (ustar, GNU and PAX), enough to walk an archive without reading
 * member contents: GNU long names ('L') and PAX 'path' records replace the next header's name.
 */
final class TarHeaders {
  static final int BLOCK = 512;

  private TarHeaders() {}

  /** A raw header: null for an end-of-archive (all-zero) block. */
  record Header(String name, char typeFlag, long size, String linkName) {}

  static Header parse(byte[] block, String source, long offset) throws IOException {
    boolean zero = true;
    for (byte b : block) {
      if (b != 0) {
        zero = false;
        break;
      }
    }
    if (zero) {
      return null;
    }
    if (!checksumOk(block)) {
      throw new IOException(String.format("%s: bad tar header checksum at byte %d: not a tar file, or damaged", source, offset));
    }
    String name = string(block, 0, 100);
    String prefix = string(block, 345, 155);
    boolean ustar = string(block, 257, 6).startsWith("ustar");
    if (ustar && !prefix.isEmpty()) {
      name = prefix + "/" + name;
    }
    char type = block[156] == 0 ? '0' : (char) block[156];
    long size = number(block, 124, 12);
    // A negative size would move the scan backwards, and one near Long.MAX_VALUE overflows where the next header is.
    if (size < 0 || size > Long.MAX_VALUE - offset - 2 * BLOCK) {
      throw new IOException(String.format("%s: member %s at byte %d claims an impossible size of %d bytes: the archive "
          + "is damaged", source, name, offset, size));
    }
    return new Header(name, type, size, string(block, 157, 100));
  }

  static TarEntry.Type type(char flag) {
    return switch (flag) {
      case '0', '7' -> TarEntry.Type.FILE;
      case '5' -> TarEntry.Type.DIRECTORY;
      case '2' -> TarEntry.Type.SYMLINK;
      case '1' -> TarEntry.Type.HARDLINK;
      case '3', '4' -> TarEntry.Type.DEVICE;
      case '6' -> TarEntry.Type.FIFO;
      default -> TarEntry.Type.OTHER;
    };
  }

  /** The 'path' value of a PAX extended header, or null. */
  static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    int i = 0;
    while (i < text.length()) {
      int space = text.indexOf(' ', i);
      if (space < 0) {
        break;
      }
      int length;
      try {
        length = Integer.parseInt(text.substring(i, space));
      } catch (NumberFormatException e) {
        return null;
      }
      if (length <= 0 || i + length > text.length()) {
        return null;
      }
      String record = text.substring(space + 1, i + length - 1);
      if (record.startsWith("path=")) {
        return record.substring(5);
      }
      i += length;
    }
    return null;
  }

  static String cString(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  private static boolean checksumOk(byte[] block) {
    long stored = number(block, 148, 8);
    long unsigned = 0;
    for (int i = 0; i < BLOCK; i++) {
      unsigned += (i >= 148 && i < 156) ? ' ' : (block[i] & 0xff);
    }
    return stored == unsigned;
  }

  private static String string(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return new String(block, offset, end - offset, StandardCharsets.UTF_8);
  }

  /** Octal, or GNU base-256 when the high bit of the first byte is set (sizes over 8 GiB). */
  private static long number(byte[] block, int offset, int length) {
    if ((block[offset] & 0x80) != 0) {
      long value = block[offset] & 0x7f;
      for (int i = 1; i < length; i++) {
        value = (value << 8) | (block[offset + i] & 0xff);
      }
      return value;
    }
    long value = 0;
    for (int i = offset; i < offset + length; i++) {
      byte b = block[i];
      if (b >= '0' && b <= '7') {
        value = value * 8 + (b - '0');
      } else if (value > 0 && (b == 0 || b == ' ')) {
        break;
      }
    }
    return value;
  }
}
