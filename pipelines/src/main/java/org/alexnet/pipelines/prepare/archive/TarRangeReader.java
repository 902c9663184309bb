package org.alexnet.pipelines.prepare.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads chosen members' contents from one stream over a byte range of an archive, in offset order,
 * skipping what lies between: one sequential read (one GET on S3) per range, not one per member.
 */
public final class TarRangeReader implements AutoCloseable {
  private final InputStream in;
  private final String source;
  private final byte[] scratch = new byte[1 << 16];
  private long position;

  /** @param in a stream positioned at byte {@code start} of the archive */
  public TarRangeReader(InputStream in, long start, String source) {
    this.in = in;
    this.position = start;
    this.source = source;
  }

  /** The content of the member at [offset, offset + size); offsets must not go backwards. */
  public byte[] read(long offset, int size) throws IOException {
    if (offset < position) {
      throw new IllegalArgumentException("members must be read in offset order: " + offset + " < " + position);
    }
    discard(offset - position);
    byte[] content = in.readNBytes(size);
    if (content.length < size) {
      throw new EOFException(source + ": archive ends inside a member at byte " + offset);
    }
    position = offset + size;
    return content;
  }

  /** Moves past a member without reading it into memory. */
  public void skip(long offset, long size) throws IOException {
    if (offset < position) {
      throw new IllegalArgumentException("members must be read in offset order");
    }
    discard(offset + size - position);
    position = offset + size;
  }

  /**
   * Skips by reading: a stream over a seekable channel would seek instead, and on S3 every seek is
   * a new request, which costs far more than the 512-byte headers between members.
   */
  private void discard(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
      if (n < 0) {
        throw new EOFException(source + ": archive ends before byte " + (position + bytes));
      }
      left -= n;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
