package org.alexnet.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes tar archives with fixed owners and times, so the same content gives the same bytes. */
public final class TarWriter implements AutoCloseable {
  /** 2012-05-01, around when ILSVRC2012 was released. */
  private static final Date MODIFIED = new Date(1335830400000L);

  private final TarArchiveOutputStream tar;

  public TarWriter(OutputStream out) {
    tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
  }

  public void add(String name, byte[] content) throws IOException {
    tar.putArchiveEntry(entry(name, content.length));
    tar.write(content);
    tar.closeArchiveEntry();
  }

  public void add(String name, Path file) throws IOException {
    tar.putArchiveEntry(entry(name, Files.size(file)));
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry entry(String name, long size) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setModTime(MODIFIED);
    entry.setMode(0100644);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  @Override
  public void close() throws IOException {
    tar.close();
  }
}
