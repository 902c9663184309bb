package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alexnet.storage.Storage;
import org.alexnet.trainer.TrainedModel;
import org.alexnet.trainer.weights.Tensor;
import org.alexnet.trainer.weights.TorchStateDict;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training and evaluating on datasets of K classes: K-way heads, fine-tuning 1000-class weights, freezing. */
class ClassSetCommandTest {
  private static final String[] SMALL = {"--widths", "8,16,24,16,16/32", "--crop-size", "64", "-b", "4", "-j", "2",
      "--print-freq", "100"};

  @TempDir Path dir;

  /** A 10-class devkit makes a 10-class dataset; the model gets 10 outputs; the devkit scores its predictions. */
  @Test
  void aTenClassDatasetTrainsATenWayHeadAndIsScoredByItsDevkit() throws Exception {
    String dataset = CliRun.preparedSample(dir, 10, 4, 2, true, 72);
    CliRun inspect = CliRun.of("inspect", dataset);
    assertThat(inspect.out()).contains("classes: 10;", "[devkit ID");
    String checkpoints = dir.resolve("checkpoints").toString();
    CliRun train = CliRun.of(concat(new String[] {"train", dataset, "--epochs", "1", "--checkpoint-dir", checkpoints},
        SMALL));
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("=> alexnet 8,16,24,16,16/32/10,");

    String report = dir.resolve("evaluation").toString();
    CliRun evaluate = CliRun.of("evaluate", "--dataset", dataset, "--checkpoint", checkpoints + "/model_best.zip", "--out",
        report, "--parallelism", "2");
    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    CliRun score = CliRun.of("score", "--predictions", report + "/val.pred.txt", "--devkit",
        dir.resolve("sample/ILSVRC2012_devkit_t12.tar.gz").toString());
    assertThat(score.exitCode()).as(score.err()).isZero();
    Matcher top1 = Pattern.compile("top-1 error ([0-9.]+)%").matcher(evaluate.out());
    assertThat(top1.find()).isTrue();
    assertThat(score.out()).contains(String.format(java.util.Locale.ROOT, "    1  %.4f",
        Double.parseDouble(top1.group(1)) / 100));

    // --num-classes 1000 keeps the PyTorch example's head on any data; evaluate still scores it, without a
    // devkit file (the model can predict outputs that are no class of the dataset)
    CliRun thousand = CliRun.of(concat(new String[] {"train", dataset, "--epochs", "1", "--num-classes", "1000",
        "--checkpoint-dir", dir.resolve("thousand").toString()}, SMALL));
    assertThat(thousand.out()).contains("=> alexnet 8,16,24,16,16/32/1000,");
    CliRun wide = CliRun.of("evaluate", "--dataset", dataset, "--checkpoint", dir.resolve("thousand/model_best.zip")
        .toString(), "--out", dir.resolve("wide").toString(), "--parallelism", "2");
    assertThat(wide.exitCode()).as(wide.err()).isZero();
    assertThat(new ObjectMapper().readTree(dir.resolve("wide/eval.json").toFile()).get("devkit_predictions").isNull())
        .isTrue();
    assertThat(dir.resolve("wide/val.pred.txt")).doesNotExist();
    assertThat(CliRun.of(concat(new String[] {"train", dataset, "--num-classes", "3"}, SMALL)).err())
        .contains("--num-classes 3 is fewer than the dataset's 10 classes");
  }

  /**
   * Fine-tuning, the most common use of pretrained AlexNet: 1000-class weights onto 3 classes. Every layer
   * but the last is loaded, the last starts afresh, and the network learns the classes well past chance.
   */
  @Test
  void fineTuningThousandClassWeightsOntoThreeClassesLearns() throws Exception {
    Path weights = dir.resolve("alexnet_narrow_1000.pth");
    try (InputStream in = ClassSetCommandTest.class.getResourceAsStream("/torch/alexnet_narrow_1000.pth")) {
      Files.copy(in, weights);
    }
    String dataset = CliRun.preparedSample(dir, 3, 100, 20, true, 72);
    CliRun train = CliRun.of("train", dataset, "-p", weights.toString(), "--crop-size", "64", "-b", "16", "--lr", "0.02",
        "--epochs", "8", "-j", "2", "--print-freq", "100", "--checkpoint-dir", dir.resolve("tuned").toString());
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("=> fine-tuning: every layer of", "whose 1000 classes are not the dataset's 3",
        "=> alexnet 16,32,48,32,32/64/3,");
    double best = bestTop1(train.out());
    System.out.printf("alexnet: fine-tuned onto 3 classes, best validation top-1 %.1f%% after 8 epochs%n", best);
    assertThat(best).as("top-1 error well below chance (66.7%%)").isGreaterThanOrEqualTo(60);

    // --freeze-features: the convolutions keep the weights they were given
    String frozenDir = dir.resolve("frozen").toString();
    CliRun frozen = CliRun.of("train", dataset, "-p", weights.toString(), "--freeze-features", "--crop-size", "64", "-b",
        "16", "--epochs", "1", "-j", "2", "--checkpoint-dir", frozenDir);
    assertThat(frozen.exitCode()).as(frozen.err()).isZero();
    assertThat(frozen.out()).contains("=> --freeze-features: the classifier trains");
    Map<String, Tensor> state = TorchStateDict.read(Storage.readAll(weights.toString()), "weights");
    MultiLayerNetwork net = TrainedModel.fromCheckpoint(frozenDir + "/checkpoint-000000019.zip").loadNetwork();
    assertThat(net.getLayer(0).getParam("W").data().asFloat()).as("conv1 as loaded")
        .isEqualTo(state.get("features.0.weight").data());
    assertThat(net.getLayer(net.getnLayers() - 2).getParam("b").data().asFloat()).as("the classifier trained")
        .isNotEqualTo(new float[3]);
  }

  /** A checkpoint of other classes is refused by evaluate, with both class lists named. */
  @Test
  void evaluateRefusesACheckpointOfOtherClasses() {
    Path three = dir.resolve("three");
    Path ten = dir.resolve("ten");
    String threeClasses = CliRun.preparedSample(three, 3, 4, 2, true, 72);
    String tenClasses = CliRun.preparedSample(ten, 10, 2, 1, true, 72);
    String checkpoints = dir.resolve("checkpoints").toString();
    assertThat(CliRun.of(concat(new String[] {"train", threeClasses, "--epochs", "1", "--checkpoint-dir", checkpoints},
        SMALL)).exitCode()).isZero();
    CliRun refused = CliRun.of("evaluate", "--dataset", tenClasses, "--checkpoint", checkpoints + "/model_best.zip",
        "--out", dir.resolve("x").toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("learned 3 classes (n", "has 10 (n", "evaluate it on a dataset of its classes")
        .doesNotContain("\tat ");
  }

  private static double bestTop1(String out) {
    Matcher m = Pattern.compile("\\(best ([0-9.]+)\\)").matcher(out);
    double best = 0;
    while (m.find()) {
      best = Double.parseDouble(m.group(1));
    }
    return best;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
