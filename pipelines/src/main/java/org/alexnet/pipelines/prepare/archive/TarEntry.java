package org.alexnet.pipelines.prepare.archive;

import java.io.Serializable;

/**
 * One member of a tar archive: its name, type and where its content lies in the archive file.
 *
 * @param dataOffset byte offset of the content within the archive file
 * @param linkTarget for links, what they point to (never followed)
 */
public record TarEntry(String name, Type type, long dataOffset, long size, String linkTarget) implements Serializable {
  public enum Type { FILE, DIRECTORY, SYMLINK, HARDLINK, DEVICE, FIFO, OTHER }

  /** Content plus padding to the next 512-byte block, i.e. where the next header starts. */
  public long end() {
    return dataOffset + ((size + TarHeaders.BLOCK - 1) / TarHeaders.BLOCK) * TarHeaders.BLOCK;
  }
}
