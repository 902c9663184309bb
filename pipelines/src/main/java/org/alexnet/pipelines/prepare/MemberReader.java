package org.alexnet.pipelines.prepare;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.HashMap;
import java.util.Map;
import org.alexnet.storage.Storage;

/**
 * Reads members' bytes by offset from their archives (or loose files), keeping each archive open
 * while a shard is written: a positioned read per image, a ranged read on S3.
 */
final class MemberReader implements AutoCloseable {
  private final Map<String, SeekableByteChannel> open = new HashMap<>();

  byte[] read(Member m) throws IOException {
    SeekableByteChannel channel = open.get(m.uri());
    if (channel == null) {
      channel = Storage.openSeekable(m.uri());
      open.put(m.uri(), channel);
    }
    channel.position(m.offset());
    ByteBuffer content = ByteBuffer.allocate((int) m.size());
    while (content.hasRemaining()) {
      if (channel.read(content) < 0) {
        throw new EOFException(m.file() + ": the archive ends inside this member");
      }
    }
    return content.array();
  }

  @Override
  public void close() throws IOException {
    for (SeekableByteChannel channel : open.values()) {
      channel.close();
    }
    open.clear();
  }
}
