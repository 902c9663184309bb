package org.alexnet.pipelines.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepare benchmark's default photos are in the repository, freely licensed, and usable. */
class BundledPhotosTest {
  /** Where the photos live in the repository (tests run in the module's folder). */
  private static final Path IN_REPOSITORY = Path.of("src/main/resources/org/alexnet/pipelines/bench/photos");

  @TempDir Path dir;

  @Test
  void everyBundledPhotoIsInTheRepositoryWithItsLicence() throws Exception {
    assertThat(BundledPhotos.NAMES).hasSizeGreaterThanOrEqualTo(5);
    String readme = Files.readString(IN_REPOSITORY.resolve("README.md"));
    long bytes = 0;
    for (String name : BundledPhotos.NAMES) {
      Path photo = IN_REPOSITORY.resolve(name);
      assertThat(photo).isRegularFile();
      bytes += Files.size(photo);
      assertThat(readme).as("README.md names " + name + " with its licence").containsPattern(
          "\\| " + name.replace(".", "\\.") + " \\|.*\\| (CC BY 2\\.0|CC0|public domain)");
    }
    assertThat(bytes).as("the photos stay small in the repository").isLessThan(3_000_000);
  }

  @Test
  void copiesThePhotosOutOfTheJarAsTheyAreInTheRepository() throws Exception {
    Path copied = BundledPhotos.copyTo(dir.resolve("photos"));

    for (String name : BundledPhotos.NAMES) {
      assertThat(Files.mismatch(copied.resolve(name), IN_REPOSITORY.resolve(name))).isEqualTo(-1L);
    }
    List<Path> usable = PhotoFolder.usable(copied);
    assertThat(usable).hasSameSizeAs(BundledPhotos.NAMES);
    assertThat(PhotoFolder.check(copied)).isEqualTo(copied);
  }
}
