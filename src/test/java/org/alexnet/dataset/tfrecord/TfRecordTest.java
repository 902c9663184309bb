package org.alexnet.dataset.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.TFRecordIO;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordTest {
  private static final List<byte[]> RECORDS = List.of(
      "first".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[70_000], "last".getBytes(StandardCharsets.UTF_8));

  @Test
  void roundTripsRecordsOfAnyLength() throws IOException {
    byte[] file = write(RECORDS);
    assertThat(readAll(file)).containsExactlyElementsOf(RECORDS);
    assertThat(file).hasSize(RECORDS.stream().mapToInt(r -> r.length + 16).sum());
  }

  @Test
  void detectsAFlippedDataByte() throws IOException {
    byte[] file = write(RECORDS);
    file[12 + 2] ^= 0x01;
    assertThatThrownBy(() -> readAll(file)).isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("record 0").hasMessageContaining("data checksum");
  }

  @Test
  void detectsACorruptLength() throws IOException {
    byte[] file = write(RECORDS);
    int second = 12 + RECORDS.get(0).length + 4;
    file[second] ^= 0x40;
    assertThatThrownBy(() -> readAll(file)).isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("record 1").hasMessageContaining("length checksum");
  }

  @Test
  void detectsATruncatedFile() throws IOException {
    byte[] file = write(RECORDS);
    byte[] cut = java.util.Arrays.copyOf(file, file.length - 3);
    assertThatThrownBy(() -> readAll(cut)).isInstanceOf(CorruptRecordException.class).hasMessageContaining("truncated");
  }

  /** Beam's TFRecordIO (the same framing as TensorFlow) reads what we write, and we read what it writes. */
  @Test
  void interoperatesWithBeamTfRecordIo(@TempDir Path dir) throws IOException {
    Path ours = dir.resolve("ours.tfrecord");
    try (OutputStream out = Files.newOutputStream(ours)) {
      out.write(write(RECORDS));
    }
    Pipeline p = Pipeline.create();
    PCollection<String> lengths = p.apply(TFRecordIO.read().from(ours.toString()))
        .apply(MapElements.into(TypeDescriptors.strings()).via(r -> Integer.toString(r.length)));
    PAssert.that(lengths).containsInAnyOrder("5", "0", "70000", "4");
    p.apply("Create", Create.of(RECORDS)).apply(TFRecordIO.write().to(dir.resolve("beam").toString()).withNumShards(1)
        .withSuffix(".tfrecord"));
    p.run().waitUntilFinish();

    Path beamFile;
    try (var files = Files.list(dir)) {
      beamFile = files.filter(f -> f.getFileName().toString().startsWith("beam")).findFirst().orElseThrow();
    }
    assertThat(readAll(Files.readAllBytes(beamFile))).hasSize(4)
        .anySatisfy(r -> assertThat(r).isEqualTo(RECORDS.get(2)));
  }

  private static byte[] write(List<byte[]> records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TfRecordWriter writer = new TfRecordWriter(bytes)) {
      for (byte[] r : records) {
        writer.write(r);
      }
      assertThat(writer.records()).isEqualTo(records.size());
    }
    return bytes.toByteArray();
  }

  private static List<byte[]> readAll(byte[] file) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (TfRecordReader reader = new TfRecordReader(new ByteArrayInputStream(file), "test.tfrecord")) {
      for (byte[] r = reader.next(); r != null; r = reader.next()) {
        out.add(r);
      }
    }
    return out;
  }
}
