package org.alexnet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StorageUriTest {
  @Test
  void parsesLocalPathsAndS3() {
    assertThat(StorageUri.parse("data/set").text()).isEqualTo(Path.of("data/set").toAbsolutePath().toString());
    assertThat(StorageUri.parse("file:///tmp/x").text()).isEqualTo("/tmp/x");
    StorageUri s3 = StorageUri.parse("s3://my-bucket/imagenet/256");
    assertThat(s3.isS3()).isTrue();
    assertThat(s3.bucket()).isEqualTo("my-bucket");
    assertThat(s3.key()).isEqualTo("imagenet/256");
    assertThat(s3.resolve("manifest.json")).isEqualTo("s3://my-bucket/imagenet/256/manifest.json");
  }

  @Test
  void baseNamesOfLocations() {
    assertThat(StorageUri.baseName("s3://my-bucket/imagenet/ILSVRC2012_img_val.tar")).isEqualTo("ILSVRC2012_img_val.tar");
    assertThat(StorageUri.baseName("/data/set/manifest.json")).isEqualTo("manifest.json");
    assertThat(StorageUri.baseName("manifest.json")).isEqualTo("manifest.json");
    assertThat(StorageUri.baseName("s3://my-bucket/imagenet/")).isEmpty();
  }

  @Test
  void badLocationsSayWhatIsWrong() {
    assertThatThrownBy(() -> StorageUri.parse("")).hasMessageContaining("empty location");
    assertThatThrownBy(() -> StorageUri.parse("gs://bucket/x")).hasMessageContaining("unsupported storage scheme 'gs'");
    assertThatThrownBy(() -> StorageUri.parse("s3:/bucket/x")).hasMessageContaining("expected s3://bucket/prefix");
    assertThatThrownBy(() -> StorageUri.parse("s3://")).hasMessageContaining("invalid S3 bucket name ''");
    assertThatThrownBy(() -> StorageUri.parse("s3://My_Bucket/x")).hasMessageContaining("invalid S3 bucket name 'My_Bucket'");
  }

  @Test
  void configComesFromTheEnvironment() {
    StorageConfig config = StorageConfig.fromEnvironment(java.util.Map.of(
        "AWS_ENDPOINT_URL", "http://127.0.0.1:9000", "AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s"));
    assertThat(config.endpoint()).hasToString("http://127.0.0.1:9000");
    assertThat(config.pathStyle()).as("custom endpoints default to path style").isTrue();
    assertThat(config.region()).isEqualTo(StorageConfig.DEFAULT_REGION);
    assertThat(config.accessKey()).as("keys are the AWS chain's to read, in each process").isNull();
    assertThat(config.toString()).doesNotContain("=s,").doesNotContain(" s]");
    assertThat(StorageConfig.fromEnvironment(java.util.Map.of()).pathStyle()).isFalse();
    assertThatThrownBy(() -> new StorageConfig(null, null, false, "key", null)).hasMessageContaining("both");
  }
}
