package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad option is refused before any work, in one line that says what to do: no stack, nothing
 * written. In the command lines, DATASET is a tiny dataset of 72-pixel images and 3 classes, DIR a
 * scratch folder, and each command writes (were it to run) to a folder of its own that must stay absent.
 */
class OptionChecksTest {
  @TempDir static Path dir;
  static String dataset;
  private static final AtomicInteger RUNS = new AtomicInteger();

  @BeforeAll
  static void prepareTinyDataset() throws Exception {
    dataset = CliRun.preparedSample(dir, 3, 4, 2, true, 72);
    Files.createDirectories(dir.resolve("not-a-dataset"));
    Files.writeString(dir.resolve("not-a-dataset/notes.txt"), "not a manifest");
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        // train: the recipe (TrainSettings), the run (TrainRequest, Checkpointing)
        bad("train DIR/none --epochs 0", "--epochs 0 is too small: give --epochs 1 or more"),
        bad("train DIR/none -b 0", "-b 0 is too small: give -b 1 or more"),
        bad("train DIR/none --lr -0.1", "--lr -0.1 is negative: give --lr 0 or more"),
        bad("train DIR/none --momentum -1", "--momentum -1 is negative: give --momentum 0 or more"),
        bad("train DIR/none --wd -1e-4", "--wd -0.0001 is negative: give --wd 0 or more"),
        bad("train DIR/none --pca-noise -0.1", "--pca-noise -0.1 is negative: give --pca-noise 0 or more"),
        bad("train DIR/none --lr-schedule cosine", "--lr-schedule must be step or plateau, not cosine"),
        bad("train DIR/none -a vgg16", "-a vgg16: unknown architecture; choose one of alexnet, alexnet-paper"),
        bad("train DIR/none --crop-size -1", "--crop-size -1 is too small: alexnet takes inputs of at least 63x63; give --crop-size 63 or more"),
        bad("train DIR/none --crop-size 40", "--crop-size 40 is too small: alexnet takes inputs of at least 63x63; give --crop-size 63 or more"),
        bad("train DIR/none -a alexnet-paper --crop-size 224", "alexnet-paper takes 227x227 inputs (its last feature maps must be 6x6; 224 gives 5x5): give --crop-size 227, or leave it out"),
        bad("train DIR/none --widths 8,16,x,16,16/32", "--widths 8,16,x,16,16/32: give five conv widths and the hidden "
            + "size, all positive, e.g. 64,192,384,256,256/4096"),
        bad("train DIR/none --widths 8,16,24,16,0/32", "--widths 8,16,24,16,0/32: give five conv widths"),
        bad("train DIR/none --widths 8,16,24/32", "--widths 8,16,24/32: give five conv widths"),
        bad("train DIR/none --widths 8,16,24,16,16", "--widths 8,16,24,16,16: give five conv widths"),
        bad("train DIR/none --num-classes 1", "--num-classes 1 is too small: give --num-classes 2 or more, or leave it out for the dataset's classes"),
        bad("train DIR/none --num-classes -3", "--num-classes -3 is too small: give --num-classes 2 or more"),
        bad("train DIR/none -j -1", "-j -1 is too small: give -j 1 or more"),
        bad("train DIR/none --print-freq 0", "--print-freq 0 is too small: give --print-freq 1 or more"),
        bad("train DIR/none --start-epoch 90", "--start-epoch 90 is out of range: give --start-epoch 0..89"),
        bad("train DIR/none --epochs 5 --start-epoch -2", "--start-epoch -2 is out of range: give --start-epoch 0..4"),
        bad("train DIR/none --checkpoint-every -1", "--checkpoint-every -1 is negative: give --checkpoint-every 0 or more"),
        bad("train DIR/none --checkpoint-minutes -1", "--checkpoint-minutes -1 is negative: give --checkpoint-minutes 0 or more"),
        // train: the dataset and files it names, read before the model is built
        bad("train DIR/none", "DIR/none is not a dataset: nothing is there; give the --out of a prepare"),
        bad("train DIR/not-a-dataset", "DIR/not-a-dataset is not a dataset: it has no manifest.json"),
        bad("train DATASET", "-a alexnet takes 224x224 inputs; the images of DATASET are 72 pixels: pass --crop-size 64, "
            + "or prepare it with --size 224 or more"),
        bad("train DATASET --crop-size 100", "--crop-size 100 takes 100x100 inputs; the images of DATASET are 72 pixels: "
            + "pass --crop-size 64, or prepare it with --size 100 or more"),
        bad("train DATASET -a alexnet-paper", "-a alexnet-paper takes 227x227 inputs; the images of DATASET are 72 "
            + "pixels: prepare it with --size 227 or more"),
        bad("train DATASET --crop-size 64 --num-classes 2", "--num-classes 2 is fewer than the dataset's 3 classes: give at least 3, or leave it out to use the dataset's"),
        bad("train DATASET --crop-size 64 --resume DIR/none.zip", "--resume DIR/none.zip: no such checkpoint; give one that "
            + "train wrote (checkpoint-*.zip or model_best.zip in its --checkpoint-dir), or --resume auto for the latest there"),
        bad("train DATASET --crop-size 64 -p DIR/none.pth", "DIR/none.pth does not exist"),
        // evaluate
        bad("evaluate --dataset DATASET --checkpoint DIR/none.zip --batch 0", "--batch 0 is too small: give --batch 1 or more (run: --eval-batch)"),
        bad("evaluate --dataset DATASET --checkpoint DIR/none.zip --crops five", "--crops five: use center or ten"),
        bad("evaluate --dataset DIR/none --checkpoint DIR/none.zip", "DIR/none is not a dataset"),
        bad("evaluate --dataset DATASET --checkpoint DIR/none.zip", "DIR/none.zip does not exist"),
        // prepare (its inputs exist: the sample's)
        bad("prepare TRAIN_TAR --size 16", "--size 16 is out of range: give --size 32..4096"),
        bad("prepare TRAIN_TAR --size 5000", "--size 5000 is out of range: give --size 32..4096"),
        bad("prepare TRAIN_TAR --crop square", "--crop must be center or none, not square"),
        bad("prepare TRAIN_TAR --encoding png", "--encoding must be raw or jpeg, not png"),
        bad("prepare TRAIN_TAR --quality 0", "--quality 0 is out of range: give --quality 1..100"),
        bad("prepare TRAIN_TAR --quality 101", "--quality 101 is out of range: give --quality 1..100"),
        bad("prepare TRAIN_TAR --train-shards -1", "--train-shards -1 is negative: give --train-shards 0 or more"),
        bad("prepare TRAIN_TAR --val-shards -1", "--val-shards -1 is negative: give --val-shards 0 or more"),
        bad("prepare TRAIN_TAR --max-pixels 0", "--max-pixels 0 is too small: give --max-pixels 1 or more"),
        bad("prepare --train-tar DIR/none.tar", "DIR/none.tar does not exist"),
        bad("prepare --val-tar DIR/sample/ILSVRC2012_img_val.tar", "validation images not in class folders need labels: give --devkit"),
        // run: the same option mixins, and the dataset it would prepare or use
        bad("run --dataset DATASET --epochs 0", "--epochs 0 is too small: give --epochs 1 or more"),
        bad("run --dataset DATASET -j 0", "-j 0 is too small: give -j 1 or more"),
        bad("run --dataset DATASET --checkpoint-every -1", "--checkpoint-every -1 is negative"),
        bad("run --dataset DATASET --eval-batch 0", "--batch 0 is too small: give --batch 1 or more (run: --eval-batch)"),
        bad("run --dataset DATASET --crops five", "--crops five: use center or ten"),
        bad("run --dataset DATASET --heartbeat-timeout 1", "--heartbeat-timeout must be at least 5 seconds"),
        bad("run --dataset DIR/none --crop-size 64", "DIR/none is not a dataset"),
        bad("run --dataset DATASET", "-a alexnet takes 224x224 inputs; the images of DATASET are 72 pixels"),
        bad("run --dataset DATASET --crop-size 64 --num-classes 2", "--num-classes 2 is fewer than the dataset's 3"),
        bad("run TRAIN_TAR --size 16", "--size 16 is out of range"),
        bad("run TRAIN_TAR --size 72", "-a alexnet takes 224x224 inputs; the images of the dataset to prepare are 72 pixels: pass "
            + "--crop-size 64, or prepare it with --size 224 or more"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void isRefusedInOneLineBeforeAnyWork(String commandLine, String expected) {
    Path out = dir.resolve("out-" + RUNS.incrementAndGet());
    String[] args = args(commandLine, out);
    CliRun run = CliRun.of(args);

    String command = args[0];
    assertThat(run.exitCode()).as(run.err()).isEqualTo(UserErrorHandler.USER_ERROR);
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
    assertThat(run.err()).startsWith(command + ": error: ").contains(expand(expected))
        .doesNotContain("Exception", "at org.");
    assertThat(out).as("written by a refused " + command).doesNotExist();
  }

  private static Arguments bad(String commandLine, String expected) {
    return Arguments.of(commandLine, expected);
  }

  /** The command line with its placeholders filled in and, for each command, its output under {@code out}. */
  private static String[] args(String commandLine, Path out) {
    List<String> args = new ArrayList<>();
    for (String word : commandLine.split(" ")) {
      if (word.equals("TRAIN_TAR")) {
        args.add("--train-tar");
        args.add(dir.resolve("sample/ILSVRC2012_img_train.tar").toString());
      } else {
        args.add(expand(word));
      }
    }
    args.addAll(switch (args.get(0)) {
      case "train" -> List.of("--checkpoint-dir", out.toString());
      case "evaluate", "prepare" -> List.of("--out", out.toString());
      case "run" -> List.of("--work", out.toString());
      default -> throw new IllegalArgumentException(commandLine);
    });
    return args.toArray(String[]::new);
  }

  private static String expand(String text) {
    return text.replace("DATASET", dataset).replace("DIR", dir.toString());
  }
}
