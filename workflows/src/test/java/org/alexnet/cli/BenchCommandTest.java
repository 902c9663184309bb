package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks need nothing outside the repository, and refuse bad input in one sentence that says what to do. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void prepareNeedsNoPhotoFolderOfItsOwn() {
    String help = CliRun.of("bench", "prepare", "--help").out().replaceAll("\\s+", " "); // picocli wraps it

    assertThat(help).contains("--photos=DIR", "(default: the ones bundled with alexnet)")
        .doesNotContain("../", "shared");
  }

  @Test
  void prepareRefusesAMissingPhotoFolder() {
    CliRun run = CliRun.of("bench", "prepare", "--photos", "/nonexistent");

    assertThat(run.exitCode()).isEqualTo(UserErrorHandler.USER_ERROR);
    assertThat(run.err().strip()).isEqualTo("prepare: error: --photos /nonexistent does not exist: give a folder of"
        + " JPEG or PNG photos, or leave --photos out to use the photos bundled with alexnet");
  }

  @Test
  void prepareRefusesAnEmptyPhotoFolder() throws Exception {
    Path empty = Files.createDirectory(dir.resolve("photos"));
    CliRun run = CliRun.of("bench", "prepare", "--photos", empty.toString());

    assertThat(run.exitCode()).isEqualTo(UserErrorHandler.USER_ERROR);
    assertThat(run.err().strip()).isEqualTo("prepare: error: --photos " + empty + " holds no JPEG or PNG photo of at"
        + " least 256x256 pixels: add some, or leave --photos out to use the photos bundled with alexnet");
  }

  @Test
  void benchmarksRefuseCountsTooSmallSayingWhatToGive() throws Exception {
    assertThat(oneLineError("bench", "prepare", "--images", "5"))
        .isEqualTo("prepare: error: --images 5 is too small: give --images 10 or more");
    assertThat(oneLineError("bench", "evaluate", "--images", "32", "--batch", "64"))
        .isEqualTo("evaluate: error: --images 32 is too small: give --images 64 or more");
    assertThat(oneLineError("bench", "train", "--batch-sizes", "16,0"))
        .isEqualTo("train: error: --batch-sizes 0 is too small: give --batch-sizes 1 or more");
    assertThat(oneLineError("bench", "workflow", "--rounds", "0"))
        .isEqualTo("workflow: error: --rounds 0 is too small: give --rounds 1 or more");
    Path file = Files.writeString(dir.resolve("work"), "");
    assertThat(oneLineError("bench", "evaluate", "--work", file.toString())).isEqualTo("evaluate: error: --work "
        + file + " is a file: give a folder (it is made if missing), or leave --work out for a temporary one");
  }

  private static String oneLineError(String... args) {
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(UserErrorHandler.USER_ERROR);
    assertThat(run.err().strip()).doesNotContain("\n");
    return run.err().strip();
  }
}
