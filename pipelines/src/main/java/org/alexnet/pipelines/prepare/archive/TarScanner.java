package org.alexnet.pipelines.prepare.archive;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.alexnet.storage.StorageUri;

/**
 * Lists a tar archive's members by reading only their headers: it seeks past contents, reading
 * through a window so that runs of small members cost one ranged read, not one per member (a large
 * window on S3, a small one for local files, where reading the contents would cost more than
 * seeking). Memory is one window whatever the archive's size.
 */
public final class TarScanner {
  /** On S3 a window this size turns ~8 ImageNet-sized members into one ranged read. */
  static final int REMOTE_WINDOW = 1 << 20;
  /** Local seeks are cheap: read little more than a header, not the members' contents. */
  static final int LOCAL_WINDOW = 8 << 10;
  /** GNU long-name and PAX headers larger than this are refused: real ones are a few hundred bytes. */
  private static final int MAX_EXTENDED_HEADER = 1 << 16;

  private final SeekableByteChannel channel;
  private final String source;
  private final ByteBuffer window;
  private long windowStart = -1;

  public TarScanner(SeekableByteChannel channel, String source, int windowBytes) {
    this.channel = channel;
    this.source = source;
    this.window = ByteBuffer.allocate(windowBytes);
  }

  /** A scanner whose read window suits where {@code uri} lives (local file or S3). */
  public static TarScanner of(SeekableByteChannel channel, String uri, String source) {
    return new TarScanner(channel, source, StorageUri.parse(uri).isS3() ? REMOTE_WINDOW : LOCAL_WINDOW);
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
    if (length > window.capacity()) {
      return readDirect(offset, length); // a long extended header, bigger than a small window
    }
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

  private byte[] readDirect(long offset, int length) throws IOException {
    ByteBuffer direct = ByteBuffer.allocate(length);
    channel.position(offset);
    while (direct.hasRemaining() && channel.read(direct) > 0) {
      // until the header is read or the archive ends
    }
    if (direct.hasRemaining()) {
      throw new EOFException(source + ": archive ends inside a header at byte " + offset + " (truncated?)");
    }
    return direct.array();
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
