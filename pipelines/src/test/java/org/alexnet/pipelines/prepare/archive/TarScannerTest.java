package org.alexnet.pipelines.prepare.archive;

import static org.alexnet.testing.TarFiles.file;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class TarScannerTest {
  static final String LONG_NAME = "n01440764_" + "9".repeat(150) + ".JPEG";

  /** A tar as GNU tar, Python's tarfile or commons-compress would write it, with hostile members. */
  static byte[] tar(int longFileMode) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(longFileMode);
      file(tar, "n01440764_1.JPEG", new byte[1000]);
      file(tar, LONG_NAME, new byte[3]);
      file(tar, "/etc/passwd", new byte[5]);
      file(tar, "../../escape.JPEG", new byte[7]);
      TarArchiveEntry link = new TarArchiveEntry("link.JPEG", TarConstants.LF_SYMLINK);
      link.setLinkName("/etc/shadow");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      TarArchiveEntry device = new TarArchiveEntry("null.JPEG", TarConstants.LF_CHR);
      tar.putArchiveEntry(device);
      tar.closeArchiveEntry();
      tar.putArchiveEntry(new TarArchiveEntry("folder/"));
      tar.closeArchiveEntry();
      file(tar, "n01440764_2.JPEG", new byte[512]);
    }
    return bytes.toByteArray();
  }


  @Test
  void listsMembersWithTheirOffsetsAndTypes() throws IOException {
    for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
      byte[] archive = tar(mode);
      List<TarEntry> entries = scan(archive);
      assertThat(entries).extracting(TarEntry::name).containsExactly("n01440764_1.JPEG", LONG_NAME, "/etc/passwd",
          "../../escape.JPEG", "link.JPEG", "null.JPEG", "folder/", "n01440764_2.JPEG");
      assertThat(entries).extracting(TarEntry::type).containsExactly(TarEntry.Type.FILE, TarEntry.Type.FILE,
          TarEntry.Type.FILE, TarEntry.Type.FILE, TarEntry.Type.SYMLINK, TarEntry.Type.DEVICE, TarEntry.Type.DIRECTORY,
          TarEntry.Type.FILE);
      assertThat(entries.get(4).linkTarget()).isEqualTo("/etc/shadow");
      TarEntry last = entries.get(7);
      assertThat(last.size()).isEqualTo(512);
      assertThat(java.util.Arrays.copyOfRange(archive, (int) last.dataOffset() - 512, (int) last.dataOffset() - 412))
          .as("the header right before the content names the member").startsWith("n01440764_2.JPEG".getBytes());
    }
  }

  /**
   * Scans with the S3 window, and checks that the local window and one smaller than a header block
   * (every header then read on its own) list the same.
   */
  static List<TarEntry> scan(byte[] archive) throws IOException {
    List<TarEntry> large = scan(archive, TarScanner.REMOTE_WINDOW);
    assertThat(scan(archive, TarScanner.LOCAL_WINDOW)).isEqualTo(large);
    assertThat(scan(archive, 300)).isEqualTo(large);
    return large;
  }

  private static List<TarEntry> scan(byte[] archive, int window) throws IOException {
    try (SeekableByteChannel channel = new org.apache.commons.compress.utils.SeekableInMemoryByteChannel(archive)) {
      return new TarScanner(channel, "test.tar", window).scan(0, archive.length);
    }
  }
}
