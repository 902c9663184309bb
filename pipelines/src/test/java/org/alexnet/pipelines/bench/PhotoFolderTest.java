package org.alexnet.pipelines.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --photos folder the benchmark cannot use is refused in one sentence that says what to do. */
class PhotoFolderTest {
  private static final String WHAT_TO_DO = "or leave --photos out to use the photos bundled with alexnet";

  @TempDir Path dir;

  @Test
  void refusesAMissingFolder() {
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> PhotoFolder.check(missing)).isInstanceOf(IOException.class)
        .hasMessage("--photos " + missing + " does not exist: give a folder of JPEG or PNG photos, " + WHAT_TO_DO);
  }

  @Test
  void refusesAFile() throws Exception {
    Path file = Files.writeString(dir.resolve("photo.jpg"), "not a folder");
    assertThatThrownBy(() -> PhotoFolder.check(file)).hasMessage(
        "--photos " + file + " is a file: give the folder that holds the photos, " + WHAT_TO_DO);
  }

  @Test
  void refusesAFolderWithoutAUsablePhoto() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "no photo here");
    Files.write(dir.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0});
    Files.copy(Path.of("src/test/resources/images/pillow-src__hopper.jpg"), dir.resolve("small.jpg")); // 128x128

    assertThatThrownBy(() -> PhotoFolder.check(dir)).hasMessage(
        "--photos " + dir + " holds no JPEG or PNG photo of at least 256x256 pixels: add some, " + WHAT_TO_DO);
  }

  @Test
  void keepsOnlyPhotosBigEnoughToCutFrom() throws Exception {
    Files.copy(Path.of("src/test/resources/images/pillow-src__hopper.jpg"), dir.resolve("small.jpg"));
    Files.copy(Path.of("src/test/resources/images/python3-sklearn__china.jpg"), dir.resolve("china.jpg"));
    Files.writeString(dir.resolve("README.md"), "a note");

    assertThat(PhotoFolder.usable(dir)).containsExactly(dir.resolve("china.jpg"));
  }
}
