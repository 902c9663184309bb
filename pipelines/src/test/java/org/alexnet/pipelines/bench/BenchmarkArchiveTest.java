package org.alexnet.pipelines.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prepare benchmark's input, made small from the bundled photos, the way the benchmark makes it. */
class BenchmarkArchiveTest {
  @TempDir Path dir;

  @Test
  void cutsImageNetLikeJpegsFromTheBundledPhotosIntoClassTars() throws Exception {
    Path tar = dir.resolve("ILSVRC2012_img_train.tar");
    BenchmarkArchive.ensure(BundledPhotos.copyTo(dir.resolve("photos")), tar, 20, 1);

    List<String> classTars = new ArrayList<>();
    List<BufferedImage> images = new ArrayList<>();
    try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(tar))) {
      for (TarArchiveEntry e = outer.getNextEntry(); e != null; e = outer.getNextEntry()) {
        classTars.add(e.getName());
        images.addAll(jpegsIn(new ByteArrayInputStream(outer.readAllBytes())));
      }
    }
    assertThat(classTars).hasSize(BenchmarkArchive.CLASSES).allMatch(n -> n.matches("n\\d{8}\\.tar"));
    assertThat(images).hasSize(20).doesNotContainNull().allMatch(i -> Math.max(i.getWidth(), i.getHeight()) >= 250);
    assertThat(Files.readString(tar.resolveSibling(tar.getFileName() + ".spec")))
        .contains("images=20", "chelsea.png", "rocket.jpg");
  }

  private static List<BufferedImage> jpegsIn(InputStream classTar) throws Exception {
    List<BufferedImage> images = new ArrayList<>();
    try (TarArchiveInputStream inner = new TarArchiveInputStream(classTar)) {
      for (TarArchiveEntry e = inner.getNextEntry(); e != null; e = inner.getNextEntry()) {
        assertThat(e.getName()).endsWith(".JPEG");
        images.add(ImageIO.read(new ByteArrayInputStream(inner.readAllBytes())));
      }
    }
    return images;
  }
}
