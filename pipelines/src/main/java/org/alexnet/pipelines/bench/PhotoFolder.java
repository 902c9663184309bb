package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** A folder of photos given to the prepare benchmark, checked before anything is timed. */
public final class PhotoFolder {
  /** The benchmark's images are scaled from crops of this many pixels or more a side. */
  static final int MIN_SIDE = 256;

  private static final String ELSE = ", or leave --photos out to use the photos bundled with alexnet";

  private PhotoFolder() {}

  /** Returns {@code dir} if it holds a photo the benchmark can use; otherwise says, in one sentence, what to do. */
  public static Path check(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      throw new IOException("--photos " + dir + " does not exist: give a folder of JPEG or PNG photos" + ELSE);
    }
    if (!Files.isDirectory(dir)) {
      throw new IOException("--photos " + dir + " is a file: give the folder that holds the photos" + ELSE);
    }
    if (usable(dir).isEmpty()) {
      throw new IOException("--photos " + dir + " holds no JPEG or PNG photo of at least " + MIN_SIDE + "x" + MIN_SIDE
          + " pixels: add some" + ELSE);
    }
    return dir;
  }

  /** The files in {@code dir} that are images of at least {@link #MIN_SIDE} a side, in name order. */
  static List<Path> usable(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).filter(PhotoFolder::bigEnough).sorted().toList();
    }
  }

  /** Reads the header only: decoding every photo here would grow the heap the pipeline runs in. */
  private static boolean bigEnough(Path file) {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return false;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        return Math.min(reader.getWidth(0), reader.getHeight(0)) >= MIN_SIDE;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      return false; // unreadable: not a photo the benchmark can cut from
    }
  }
}
