package org.alexnet.dataset.tfrecord;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads TFRecord framing and verifies both checksums of every record. A damaged file fails with
 * {@link CorruptRecordException} naming the record and byte offset, never with silently wrong data.
 */
public final class TfRecordReader implements AutoCloseable {
  /** Refuse length fields beyond this: a corrupt length must not turn into a huge allocation. */
  static final long MAX_RECORD_BYTES = 1L << 30;

  private final InputStream in;
  private final String source;
  private final byte[] header = new byte[12];
  private final byte[] footer = new byte[4];
  private long offset;
  private long index;

  public TfRecordReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  /** The next record's data, or null at a clean end of file. */
  public byte[] next() throws IOException {
    int first = readFully(header, 0, header.length, true);
    if (first == 0) {
      return null;
    }
    ByteBuffer head = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    long length = head.getLong(0);
    if (head.getInt(8) != MaskedCrc32c.of(header, 0, 8)) {
      throw corrupt("length checksum mismatch");
    }
    if (length < 0 || length > MAX_RECORD_BYTES) {
      throw corrupt("record length " + length + " out of range");
    }
    byte[] data = new byte[(int) length];
    readFully(data, 0, data.length, false);
    readFully(footer, 0, footer.length, false);
    int expected = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
    if (expected != MaskedCrc32c.of(data, 0, data.length)) {
      throw corrupt("data checksum mismatch");
    }
    offset += header.length + length + footer.length;
    index++;
    return data;
  }

  private int readFully(byte[] buffer, int start, int length, boolean endAllowed) throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(buffer, start + done, length - done);
      if (n < 0) {
        if (done == 0 && endAllowed) {
          return 0;
        }
        throw new CorruptRecordException(source, index, offset, "truncated record", new EOFException());
      }
      done += n;
    }
    return done;
  }

  private CorruptRecordException corrupt(String what) {
    return new CorruptRecordException(source, index, offset, what, null);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
