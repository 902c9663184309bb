package org.alexnet.dataset.tfrecord;

import java.io.IOException;

/** A TFRecord file whose framing or checksums are wrong. */
public final class CorruptRecordException extends IOException {
  public CorruptRecordException(String source, long record, long offset, String what, Throwable cause) {
    super(String.format("%s: record %d at byte %d is corrupt (%s); the file is damaged or not a TFRecord file",
        source, record, offset, what), cause);
  }
}
