package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make-sample, then prepare on the embedded Flink, then inspect: the start of the main job. */
class PrepareCommandTest {
  @TempDir Path dir;

  @Test
  void preparesASampleAndSaysSoWhenRunAgain() {
    String sample = dir.resolve("sample").toString();
    assertThat(CliRun.of("make-sample", "--out", sample, "--classes", "2", "--train-per-class", "6",
        "--val-per-class", "2", "--edge-cases").exitCode()).isZero();
    String[] prepare = {"prepare", "--train-tar", sample + "/ILSVRC2012_img_train.tar",
        "--val-tar", sample + "/ILSVRC2012_img_val.tar", "--devkit", sample + "/ILSVRC2012_devkit_t12.tar.gz",
        "--out", dir.resolve("dataset").toString(), "--size", "32", "--parallelism", "2"};

    CliRun first = CliRun.of(prepare);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("Prepared dataset ilsvrc2012-")
        .containsPattern("train\\s+16 images in\\s+1 shards")
        .containsPattern("validation\\s+4 images")
        .contains("quarantined 3 {empty=1, too-large=1, truncated=1}");

    CliRun again = CliRun.of(prepare);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already holds dataset", "nothing to do");

    assertThat(CliRun.of("inspect", dir.resolve("dataset").toString()).out()).contains("size=32", "truncated");
  }

  /** JPEG records without cropping: variable widths, readable back by inspect. */
  @Test
  void storesJpegWithoutCropping() throws Exception {
    String sample = dir.resolve("sample").toString();
    assertThat(CliRun.of("make-sample", "--out", sample, "--classes", "2", "--train-per-class", "3",
        "--val-per-class", "0").exitCode()).isZero();
    String out = dir.resolve("jpeg").toString();
    CliRun run = CliRun.of("prepare", "--train-tar", sample + "/ILSVRC2012_img_train.tar", "--out", out,
        "--size", "48", "--crop", "none", "--encoding", "jpeg", "--quality", "80", "--parallelism", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path png = dir.resolve("r.png");
    CliRun record = CliRun.of("inspect", out, "--record", "0", "--png", png.toString());
    assertThat(record.out()).contains("JPEG");
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(Math.min(image.getWidth(), image.getHeight())).isEqualTo(48);
    assertThat(Math.max(image.getWidth(), image.getHeight())).isGreaterThan(48);
  }

  @Test
  void badSettingsFailBeforeAnyWork() {
    CliRun run = CliRun.of("prepare", "--train-tar", "x.tar", "--out", dir.toString(), "--size", "8");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--size 8 is out of range: give --size 32..4096");
    CliRun missing = CliRun.of("prepare", "--train-tar", dir.resolve("missing.tar").toString(), "--out", dir.resolve("o").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("missing.tar does not exist");
  }
}
