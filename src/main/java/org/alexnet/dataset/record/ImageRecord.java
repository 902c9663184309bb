package org.alexnet.dataset.record;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One image of the dataset, as stored in a shard: the pixels (raw interleaved RGB or a JPEG) and
 * their labels. Field names on disk are those of TensorFlow's ImageNet tooling (see {@link FeatureKeys}).
 *
 * @param encoded the pixels: {@code height*width*channels} bytes for RAW, the file bytes for JPEG
 * @param label class index 0..999 in sorted-WNID order
 */
public record ImageRecord(
    byte[] encoded,
    PixelFormat format,
    int height,
    int width,
    int channels,
    String colorspace,
    int label,
    String synset,
    String text,
    String filename) implements Serializable {

  public ImageRecord {
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(format, "format");
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + height + "x" + width + "x" + channels);
    }
    if (format == PixelFormat.RAW && encoded.length != (long) height * width * channels) {
      throw new IllegalArgumentException(String.format(
          "RAW image %s holds %d bytes, expected %dx%dx%d", filename, encoded.length, height, width, channels));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageRecord r
        && Arrays.equals(encoded, r.encoded) && format == r.format && height == r.height && width == r.width
        && channels == r.channels && Objects.equals(colorspace, r.colorspace) && label == r.label
        && Objects.equals(synset, r.synset) && Objects.equals(text, r.text) && Objects.equals(filename, r.filename);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(encoded), format, height, width, channels, label, filename);
  }

  @Override
  public String toString() {
    return String.format("ImageRecord[%s %s %dx%dx%d label=%d %s, %d bytes]",
        filename, format, height, width, channels, label, synset, encoded.length);
  }
}
