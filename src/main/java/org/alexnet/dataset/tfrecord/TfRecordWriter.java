package org.alexnet.dataset.tfrecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes TFRecord framing: uint64 length, masked CRC32C of the length, data, masked CRC32C of the
 * data (all little-endian). The same framing as TensorFlow's and Beam's TFRecordIO.
 */
public final class TfRecordWriter implements AutoCloseable {
  private final OutputStream out;
  private final byte[] header = new byte[12];
  private final byte[] footer = new byte[4];
  private long records;

  public TfRecordWriter(OutputStream out) {
    this.out = out;
  }

  public void write(byte[] data) throws IOException {
    ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(0, data.length);
    head.putInt(8, MaskedCrc32c.of(header, 0, 8));
    ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).putInt(0, MaskedCrc32c.of(data, 0, data.length));
    out.write(header);
    out.write(data);
    out.write(footer);
    records++;
  }

  public long records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
