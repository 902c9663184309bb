package org.alexnet.dataset.tfrecord;

import java.util.zip.CRC32C;

/** The masked CRC32C that TFRecord framing uses, so that a CRC of data containing CRCs stays strong. */
final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  static int of(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }
}
