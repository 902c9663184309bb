package org.alexnet.dataset.record;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Turns a record's pixels into an image a person can look at. */
public final class RecordImage {
  private RecordImage() {}

  public static BufferedImage toImage(ImageRecord record) throws IOException {
    return switch (record.format()) {
      case JPEG -> {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(record.encoded()));
        if (image == null) {
          throw new IOException(record.filename() + ": stored JPEG cannot be decoded");
        }
        yield image;
      }
      case RAW -> raw(record);
    };
  }

  private static BufferedImage raw(ImageRecord record) {
    if (record.channels() != 3) {
      throw new IllegalArgumentException(record.filename() + ": RAW records hold RGB, not " + record.channels() + " channels");
    }
    BufferedImage image = new BufferedImage(record.width(), record.height(), BufferedImage.TYPE_INT_RGB);
    byte[] p = record.encoded();
    int[] row = new int[record.width()];
    for (int y = 0; y < record.height(); y++) {
      for (int x = 0; x < record.width(); x++) {
        int i = (y * record.width() + x) * 3;
        row[x] = (p[i] & 0xff) << 16 | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff);
      }
      image.setRGB(0, y, record.width(), 1, row, 0, record.width());
    }
    return image;
  }
}
