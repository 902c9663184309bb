package org.alexnet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.alexnet.testing.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same operations against a local folder and a real S3-compatible server on loopback. */
class StorageTest {
  @org.junit.jupiter.api.io.TempDir static Path local;
  static S3TestServer s3;

  @BeforeAll
  static void start() throws Exception {
    s3 = new S3TestServer();
    s3.createBucket("datasets");
    Storage.configure(s3.config());
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  static Stream<String> roots() {
    return Stream.of(local.resolve("root").toString(), "s3://datasets/root");
  }

  @ParameterizedTest
  @MethodSource("roots")
  void writesReadsListsAndDeletes(String root) throws IOException {
    String folder = StorageUri.parse(root).resolve("crud");
    String a = StorageUri.parse(folder).resolve("sub/a.bin");
    String b = StorageUri.parse(folder).resolve("b.txt");
    try (OutputStream out = Storage.create(a)) {
      out.write(new byte[100_000]);
    }
    Storage.writeAtomically(b, "hello".getBytes(StandardCharsets.UTF_8));
    Storage.writeAtomically(b, "hello again".getBytes(StandardCharsets.UTF_8));

    assertThat(Storage.exists(a)).isTrue();
    assertThat(Storage.size(a)).isEqualTo(100_000);
    assertThat(new String(Storage.readAll(b), StandardCharsets.UTF_8)).isEqualTo("hello again");
    assertThat(Storage.list(folder)).extracting(StoredObject::uri).containsExactly(b, a);

    Storage.delete(List.of(a, b));
    assertThat(Storage.exists(a)).isFalse();
    assertThat(Storage.list(folder)).extracting(StoredObject::sizeBytes).isEmpty();
  }

  /** Archives are scanned by seeking past members: on S3 that must be ranged reads, not a full download. */
  @ParameterizedTest
  @MethodSource("roots")
  void seeksWithinAFile(String root) throws IOException {
    String uri = StorageUri.parse(root).resolve("seek.bin");
    byte[] content = new byte[1 << 20];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31);
    }
    Storage.writeAtomically(uri, content);
    try (SeekableByteChannel channel = Storage.openSeekable(uri)) {
      channel.position(700_001);
      ByteBuffer buffer = ByteBuffer.allocate(16);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // fill
      }
      assertThat(buffer.array()).isEqualTo(java.util.Arrays.copyOfRange(content, 700_001, 700_017));
      assertThat(channel.size()).isEqualTo(content.length);
    }
  }

  @ParameterizedTest
  @MethodSource("roots")
  void missingFilesAreReportedByName(String root) {
    String missing = StorageUri.parse(root).resolve("nope/manifest.json");
    assertThatThrownBy(() -> Storage.open(missing)).isInstanceOf(FileNotFoundException.class)
        .hasMessageContaining(missing).hasMessageContaining("does not exist");
  }
}
