package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlexNetCommandTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"demo", "run", "worker", "status", "cancel", "server", "make-sample", "prepare", "train", "evaluate",
      "score", "inspect", "bench", "bench prepare", "bench train", "bench evaluate"})
  void everySubcommandHasHelp(String command) {
    String[] args = (command + " --help").split(" ");
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: alexnet " + command);
  }

  @Test
  void listsOnlyWorkingSubcommands() {
    CliRun run = CliRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("(?m)^\\s+demo\\s").containsPattern("(?m)^\\s+run\\s")
        .containsPattern("(?m)^\\s+worker\\s").containsPattern("(?m)^\\s+status\\s")
        .containsPattern("(?m)^\\s+cancel\\s").containsPattern("(?m)^\\s+make-sample\\s").containsPattern("(?m)^\\s+inspect\\s")
        .containsPattern("(?m)^\\s+prepare\\s").containsPattern("(?m)^\\s+bench\\s")
        .containsPattern("(?m)^\\s+train\\s").containsPattern("(?m)^\\s+evaluate\\s")
        .containsPattern("(?m)^\\s+score\\s").doesNotContainPattern("(?m)^\\s+workflow\\s");
  }

  @Test
  void versionNamesTheEngines() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("alexnet", "Apache Beam 2.70.0", "ND4J 1.0.0-M2.1", "CPU (nd4j-native)");
  }

  @Test
  void makeSampleWritesTheThreeArchivesAndListsEdgeCases() {
    Path out = dir.resolve("sample");
    CliRun run = CliRun.of("make-sample", "--out", out.toString(), "--classes", "2", "--train-per-class", "3",
        "--val-per-class", "1", "--edge-cases");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(out.resolve("ILSVRC2012_img_train.tar")).isNotEmptyFile();
    assertThat(out.resolve("ILSVRC2012_img_val.tar")).isNotEmptyFile();
    assertThat(out.resolve("ILSVRC2012_devkit_t12.tar.gz")).isNotEmptyFile();
    assertThat(run.out()).contains("2 classes, 13 images", "2 images", "TRUNCATED", "quarantined (too-large)");
  }

  @Test
  void badArgumentsGetOneClearLine() throws Exception {
    CliRun classes = CliRun.of("make-sample", "--out", dir.toString(), "--classes", "1001");
    assertThat(classes.exitCode()).isEqualTo(1);
    assertThat(classes.err()).contains("error: --classes must be 1..1000").doesNotContain("\tat ");

    CliRun missing = CliRun.of("make-sample");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required option: '--out=DIR'");
    assertThat(Files.list(dir)).isEmpty();
  }
}
