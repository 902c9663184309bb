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

  @Test
  void descriptionsEscapeControlCharactersAndShortenLongNames() {
    assertThat(SafeNames.describe("n01440764_10026.JPEG")).isEqualTo("n01440764_10026.JPEG");
    assertThat(SafeNames.describe("evil\u001b[2Jname\u007f")).isEqualTo("evil\\x1b[2Jname\\x7f");
    assertThat(SafeNames.describe("x".repeat(300))).isEqualTo("x".repeat(120) + "...");
  }
}
