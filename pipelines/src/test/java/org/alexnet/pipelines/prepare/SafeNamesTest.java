package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeNamesTest {
  @Test
  void plainNamesAreTheirOwnBaseName() {
    assertThat(SafeNames.baseName("./n01440764_10026.JPEG")).isEqualTo("n01440764_10026.JPEG");
    assertThat(SafeNames.baseName("../etc/passwd")).isNull();
    assertThat(SafeNames.baseName("/abs.JPEG")).isNull();
    assertThat(SafeNames.baseName("a..b.JPEG")).isNull();
  }

  /** Class names are folder names people choose: spaces and letters of any script, no separators, no dot-start. */
  @Test
  void classNamesMayHoldSpacesButNotPaths() {
    assertThat(SafeNames.className("tabby cat")).isEqualTo("tabby cat");
    assertThat(SafeNames.className("Faces_easy")).isEqualTo("Faces_easy");
    assertThat(SafeNames.className("café")).isEqualTo("café");
    assertThat(SafeNames.className("n01440764")).isEqualTo("n01440764");
    assertThat(SafeNames.className("a/b")).isNull();
    assertThat(SafeNames.className(".hidden")).isNull();
    assertThat(SafeNames.className("up..")).isNull();
    assertThat(SafeNames.className("tab\tname")).isNull();
    assertThat(SafeNames.className("trailing ")).isNull();
  }

  @Test
  void descriptionsEscapeControlCharactersAndShortenLongNames() {
    assertThat(SafeNames.describe("n01440764_10026.JPEG")).isEqualTo("n01440764_10026.JPEG");
    assertThat(SafeNames.describe("evil\u001b[2Jname\u007f")).isEqualTo("evil\\x1b[2Jname\\x7f");
    assertThat(SafeNames.describe("x".repeat(300))).isEqualTo("x".repeat(120) + "...");
  }
}
