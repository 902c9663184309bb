package org.alexnet.pipelines.prepare.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a tar archive's members by reading only their headers: it seeks past contents, reading
 * through a window so that runs of small members cost one ranged read, not one per member. Memory
 * is one window whatever the archive's size.
 */
public final class TarScanner {
  /** A window this size turns ~8 small (ImageNet-sized) members into one ranged read. */
  static final int WINDOW = 1 << 20;
  /** GNU long-name and PAX headers larger than this are refused: real ones are a few hundred bytes. */
  private static final int MAX_EXTENDED_HEADER = 1 << 16;

  private final SeekableByteChannel channel;
  private final String source;
  private final ByteBuffer window = ByteBuffer.allocate(WINDOW);
  private long windowStart = -1;

  public TarScanner(SeekableByteChannel channel, String source) {
    this.channel = channel;
    this.source = source;
  }

  /** Members whose headers lie in [start, end): a whole archive, or a nested tar inside one. */
  public List<TarEntry> scan(long start, long end) throws IOException {
    List<TarEntry> entries = new ArrayList<>();
    String pendingName = null;
    long offset = start;
    while (offset + TarHeaders.BLOCK <= end) {
      TarHeaders.Header h = TarHeaders.parse(read(offset, TarHeaders.BLOCK), source, offset);
      if (h == null) {
        break;
      }
      long dataOffset = offset + TarHeaders.BLOCK;
      TarEntry entry = new TarEntry(pendingName != null ? pendingName : h.name(), TarHeaders.type(h.typeFlag()),
          dataOffset, h.size(), h.linkName());
      if (entry.end() > end) {
        throw new EOFException(String.format("%s: member %s at byte %d runs past the end of the archive (truncated?)",
            source, entry.name(), offset));
      }
      pendingName = null;
      switch (h.typeFlag()) {
        case 'L' -> pendingName = TarHeaders.cString(extended(dataOffset, h.size()));
        case 'x' -> pendingName = TarHeaders.paxPath(extended(dataOffset, h.size()));
        case 'g', 'K' -> { } // global PAX header, GNU long link name: nothing we use
        default -> entries.add(entry);
      }
      offset = entry.end();
    }
    return entries;
  }

  private byte[] extended(long offset, long size) throws IOException {
    if (size > MAX_EXTENDED_HEADER) {
      throw new IOException(String.format("%s: extended tar header of %d bytes at byte %d: refusing", source, size, offset));
    }
    return read(offset, (int) size);
  }

  private byte[] read(long offset, int length) throws IOException {
    if (windowStart < 0 || offset < windowStart || offset + length > windowStart + window.limit()) {
      fill(offset);
    }
    if (offset + length > windowStart + window.limit()) {
      throw new EOFException(source + ": archive ends inside a header at byte " + offset + " (truncated?)");
    }
    byte[] out = new byte[length];
    System.arraycopy(window.array(), (int) (offset - windowStart), out, 0, length);
    return out;
  }

  private void fill(long offset) throws IOException {
    channel.position(offset);
    window.clear();
    while (window.hasRemaining() && channel.read(window) > 0) {
      // keep reading until the window is full or the archive ends
    }
    window.flip();
    windowStart = offset;
  }
}
