package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.alexnet.testing.S3TestServer;
import org.alexnet.testing.TinyDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  @Test
  void summarizesADataset() throws Exception {
    String root = dir.resolve("tiny").toString();
    TinyDataset.write(root, 9, 2, 8);
    CliRun run = CliRun.of("inspect", root);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("id tiny-9", "encoding=raw size=8")
        .containsPattern("train\\s+9\\s+2\\s+")
        .contains("quarantined: 1 input files", "empty", "n01440764_1.JPEG")
        .contains("RGB mean 1.0 2.0 3.0", "classes: 1000", "sorted order");
  }

  @Test
  void decodesOneRecordToPng() throws Exception {
    String root = dir.resolve("tiny").toString();
    TinyDataset.write(root, 9, 2, 8);
    Path png = dir.resolve("out/rec.png");
    CliRun run = CliRun.of("inspect", root, "--record", "6", "--png", png.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("train record 6", "label 6");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(8);
    // TinyDataset pixel (y, x) = (index, y, x)
    assertThat(image.getRGB(5, 3) & 0xffffff).isEqualTo(6 << 16 | 3 << 8 | 5);

    CliRun outOfRange = CliRun.of("inspect", root, "--record", "9");
    assertThat(outOfRange.exitCode()).isEqualTo(1);
    assertThat(outOfRange.err()).contains("out of range", "holds 9");
  }

  @Test
  void saysClearlyWhatIsNotADataset() throws Exception {
    Files.createDirectories(dir.resolve("half"));
    Files.writeString(dir.resolve("half/train-00000-of-00004"), "x");
    CliRun half = CliRun.of("inspect", dir.resolve("half").toString());
    assertThat(half.exitCode()).isEqualTo(1);
    assertThat(half.err()).contains("is not a dataset", "no manifest.json");

    Files.writeString(dir.resolve("half/manifest.json"), "{\"hello\": 1}");
    assertThat(CliRun.of("inspect", dir.resolve("half").toString()).err()).contains("not a dataset manifest");

    assertThat(CliRun.of("inspect", "gs://bucket/x").err()).contains("unsupported storage scheme 'gs'");
    assertThat(CliRun.of("inspect", dir.resolve("nowhere").toString()).err()).contains("nothing is there");
  }

  /** Storage flags from the command line; credentials from the AWS default chain (here system properties). */
  @Test
  void readsADatasetOnS3() throws Exception {
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("inspect-test");
      System.setProperty("aws.accessKeyId", s3.config().accessKey());
      System.setProperty("aws.secretAccessKey", s3.config().secretKey());
      org.alexnet.storage.Storage.configure(s3.config());
      TinyDataset.write("s3://inspect-test/tiny", 4, 1, 8);
      org.alexnet.storage.Storage.configure(new org.alexnet.storage.StorageConfig(null, null, false, null, null));

      CliRun run = CliRun.of("inspect", "s3://inspect-test/tiny", "--s3-endpoint", s3.endpoint().toString());
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("Dataset s3://inspect-test/tiny", "id tiny-4");
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
  }
}
