package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The real photos the prepare benchmark cuts its images from when given none: resources of this
 * package (photos/README.md gives each one's source and licence), so the benchmark needs no path.
 */
public final class BundledPhotos {
  /** The photos' names under photos/: a jar cannot list a resource folder. */
  static final List<String> NAMES = List.of("china.jpg", "chelsea.png", "coffee.png", "flower.jpg", "rocket.jpg");

  private BundledPhotos() {}

  /** Copies the photos into {@code folder} (made if missing) and returns it. */
  public static Path copyTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    for (String name : NAMES) {
      try (InputStream in = BundledPhotos.class.getResourceAsStream("photos/" + name)) {
        if (in == null) {
          throw new IllegalStateException("photos/" + name + " is missing from the build: rebuild with mvn package");
        }
        Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return folder;
  }
}
