package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make-sample, prepare, then train and evaluate a small AlexNet through the command line. */
class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void trainsCheckpointsAndEvaluates() throws Exception {
    String dataset = CliRun.preparedSample(dir, 2, 6, 2);
    String sample = dir.resolve("sample").toString();
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

    // The evaluation pipeline on the same checkpoint counts the same, and the devkit scoring of its
    // predictions file gives the same top-1 error.
    String report = dir.resolve("evaluation").toString();
    CliRun pipeline = CliRun.of("evaluate", "--dataset", dataset, "--checkpoint", checkpoints + "/model_best.zip",
        "--out", report, "--parallelism", "2");
    assertThat(pipeline.exitCode()).as(pipeline.err()).isZero();
    java.util.regex.Matcher trainer = java.util.regex.Pattern.compile("top-1 error ([0-9.]+)%, top-5 error ([0-9.]+)%")
        .matcher(validation);
    assertThat(trainer.find()).isTrue();
    assertThat(pipeline.out()).contains("4 images: top-1 error " + trainer.group(1) + "%",
        "top-5 error " + trainer.group(2) + "%");
    CliRun score = CliRun.of("score", "--predictions", report + "/val.pred.txt", "--devkit",
        sample + "/ILSVRC2012_devkit_t12.tar.gz");
    assertThat(score.exitCode()).as(score.err()).isZero();
    double top1Error = Double.parseDouble(trainer.group(1)) / 100;
    assertThat(score.out()).contains(String.format(java.util.Locale.ROOT, "    1  %.4f", top1Error));
  }

  /**
   * The check that training works at all: a tiny AlexNet on three make-sample classes gets
   * well above chance (33%) on the validation images within a few epochs. The 2012 network runs
   * through the same command (its N(0, 0.01) start learns too slowly to check in a test).
   */
  @Test
  void aTinyModelLearns() throws Exception {
    String dataset = CliRun.preparedSample(dir, 3, 60, 10);
    CliRun train = CliRun.of("train", dataset, "--widths", "16,32,48,32,32/64", "-b", "16", "--epochs", "8",
        "--print-freq", "100", "--checkpoint-dir", dir.resolve("checkpoints").toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    double best = bestTop1(train.out());
    System.out.printf("alexnet: best validation top-1 %.1f%% after 8 epochs%n", best);
    assertThat(best).as(train.out()).isGreaterThanOrEqualTo(60);

    CliRun paper = CliRun.of("train", dataset, "-a", "alexnet-paper", "--widths", "16,32,48,32,32/64", "-b", "16",
        "--epochs", "1", "--checkpoint-dir", dir.resolve("checkpoints-paper").toString());
    assertThat(paper.exitCode()).as(paper.err()).isZero();
    assertThat(paper.out()).contains("=> alexnet-paper 16,32,48,32,32/64/1000", "mean-image inputs", " * Epoch 0");
  }

  private static double bestTop1(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(best ([0-9.]+)\\)").matcher(out);
    double best = 0;
    while (m.find()) {
      best = Double.parseDouble(m.group(1));
    }
    return best;
  }

  @Test
  void explainsWhatItCannotDo() {
    assertThat(CliRun.of("train", "--dummy", "--crop-size", "40").err()).contains("at least 63x63");
    assertThat(CliRun.of("train", "--dummy", "-a", "alexnet-paper", "--crop-size", "224").err()).contains("227x227");
    assertThat(CliRun.of("train", "-a", "vgg16", "--dummy").err()).contains("unknown architecture", "alexnet-paper");
    assertThat(CliRun.of("train", "-a", "alexnet-paper", "--dummy", "-p", "w.pth").err()).contains("-a alexnet only");
    assertThat(CliRun.of("train").err()).contains("give a prepared dataset, or --dummy");
    assertThat(CliRun.of("evaluate", "--dataset", "d").err()).contains("either --checkpoint URI or --pretrained PATH");
    assertThat(CliRun.of("evaluate", "--dataset", dir.toString(), "--checkpoint", "c.zip", "--crops", "five").err())
        .contains("use center or ten");
  }

  /** -p without a PATH and no weights where PyTorch keeps them: one sentence, before the dataset is read. */
  @Test
  void saysWhereItLookedForPretrainedWeights() {
    Path home = dir.resolve("home");
    PretrainedWeights nowhere = new PretrainedWeights(Map.of(), home);
    String expected = "-p: no AlexNet weights found in "
        + home.resolve(".cache/torch/hub/checkpoints/alexnet-owt-7be5be79.pth") + " or "
        + home.resolve(".torch/models/alexnet-owt-4df8aa71.pth")
        + ": download https://download.pytorch.org/models/alexnet-owt-7be5be79.pth into the first, or give -p PATH";

    CliRun train = CliRun.withPretrainedWeights(nowhere, "train", dir.resolve("no-dataset").toString(), "-p");
    assertThat(train.exitCode()).isEqualTo(UserErrorHandler.USER_ERROR);
    assertThat(train.err()).isEqualTo("train: error: " + expected + System.lineSeparator());
    assertThat(train.out()).isEmpty();

    CliRun evaluate = CliRun.withPretrainedWeights(nowhere, "evaluate", "--dataset", "d", "-p");
    assertThat(evaluate.err()).isEqualTo("evaluate: error: " + expected + System.lineSeparator());

    for (String command : new String[] {"train", "evaluate", "run"}) {
      assertThat(CliRun.of(command, "--help").out().replaceAll("\\s+", " ")).contains("-p, --pretrained[=PATH]",
          "with no PATH, alexnet-owt-7be5be79.pth in torch hub's cache");
    }
  }

  /** -p without a PATH says which file it took (a stand-in here, which then fails to read as weights). */
  @Test
  void saysWhichPretrainedWeightsItTook() throws Exception {
    Path torchHome = dir.resolve("torch");
    Path weights = Files.createDirectories(torchHome.resolve("hub/checkpoints")).resolve("alexnet-owt-7be5be79.pth");
    Files.writeString(weights, "not weights");
    CliRun train = CliRun.withPretrainedWeights(new PretrainedWeights(Map.of("TORCH_HOME", torchHome.toString()),
        dir.resolve("home")), "train", "--dummy", "-p");
    assertThat(train.out()).startsWith("=> -p: using " + weights + System.lineSeparator());
    assertThat(train.exitCode()).as(train.err()).isEqualTo(UserErrorHandler.USER_ERROR);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
