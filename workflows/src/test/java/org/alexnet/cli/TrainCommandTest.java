package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make-sample, prepare, then train and evaluate a small AlexNet through the command line. */
class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void trainsCheckpointsAndEvaluates() throws Exception {
    String sample = dir.resolve("sample").toString();
    assertThat(CliRun.of("make-sample", "--out", sample, "--classes", "2", "--train-per-class", "6",
        "--val-per-class", "2").exitCode()).isZero();
    String dataset = dir.resolve("dataset").toString();
    assertThat(CliRun.of("prepare", "--train-tar", sample + "/ILSVRC2012_img_train.tar", "--val-tar",
        sample + "/ILSVRC2012_img_val.tar", "--devkit", sample + "/ILSVRC2012_devkit_t12.tar.gz", "--out", dataset,
        "--parallelism", "2").exitCode()).isZero();
    String checkpoints = dir.resolve("checkpoints").toString();
    String[] common = {dataset, "--widths", "8,16,24,16,16/32", "-b", "4", "-j", "2", "--checkpoint-dir", checkpoints};

    CliRun train = CliRun.of(concat(new String[] {"train", "--epochs", "1", "--print-freq", "1"}, common));
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("=> alexnet 8,16,24,16,16/32/1000", "Epoch: [0][   3/3]", " * Epoch 0",
        "Validation: 4 images");
    try (var files = Files.list(Path.of(checkpoints))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .contains("checkpoint-000000003.zip", "model_best.zip", "metrics.jsonl", "curves.png");
    }
    assertThat(Files.readAllLines(Path.of(checkpoints, "metrics.jsonl")))
        .anyMatch(l -> l.contains("\"type\":\"step\"")).anyMatch(l -> l.contains("\"val_acc1\""));
    assertThat(javax.imageio.ImageIO.read(Path.of(checkpoints, "curves.png").toFile()).getHeight()).isEqualTo(720);
    String validation = train.out().substring(train.out().indexOf("Validation:"));

    CliRun evaluate = CliRun.of(concat(new String[] {"train", "-e", "--resume", "auto"}, common));
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    assertThat(evaluate.out()).contains("=> resumed from", validation.strip());
  }

  @Test
  void explainsWhatItCannotDo() {
    assertThat(CliRun.of("train", "--dummy", "--crop-size", "227").err()).contains("224x224");
    assertThat(CliRun.of("train", "-a", "vgg16", "--dummy").err()).contains("only 'alexnet'");
    assertThat(CliRun.of("train", "--dummy", "-p").err()).contains("no downloads");
    assertThat(CliRun.of("train").err()).contains("give a prepared dataset, or --dummy");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
