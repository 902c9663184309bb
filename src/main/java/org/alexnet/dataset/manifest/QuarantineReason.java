package org.alexnet.dataset.manifest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an input image was not written to the dataset. */
public enum QuarantineReason {
  CORRUPT,
  TRUNCATED,
  EMPTY,
  NOT_AN_IMAGE,
  TOO_LARGE,
  UNKNOWN_CLASS,
  DUPLICATE,
  HOSTILE_NAME;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
