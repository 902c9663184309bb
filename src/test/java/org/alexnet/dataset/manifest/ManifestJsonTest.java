package org.alexnet.dataset.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.junit.jupiter.api.Test;

class ManifestJsonTest {
  static Manifest sample() {
    return new Manifest(Manifest.SCHEMA_VERSION, "ds-1234", "2026-11-25T00:00:00Z",
        Map.of("size", "256", "encoding", "raw"),
        Map.of("train", new Manifest.Split(3, List.of(new Manifest.Shard("train-00000-of-00001", 3, 1000, "ab12")))),
        Map.of("train", new Manifest.Input("ILSVRC2012_img_train.tar", 4)),
        List.of(new Manifest.Quarantined("n01440764.tar/n01440764_9.JPEG", "train", QuarantineReason.TRUNCATED, "EOF")),
        new Manifest.MeanStats("mean.npy", 3, new double[] {120, 110, 100}, new double[] {60, 58, 57},
            new double[][] {{1, 0.5, 0.2}, {0.5, 1, 0.3}, {0.2, 0.3, 1}}),
        SynsetTable.bundled().classLabels(),
        Map.of("validation", new Manifest.Excluded(List.of("n01443537"), 7)), Manifest.SORTED_NAME_LABELS);
  }

  @Test
  void roundTripsWithSnakeCaseKeys() throws IOException {
    byte[] json = ManifestJson.write(sample());
    String text = new String(json, StandardCharsets.UTF_8);
    assertThat(text).contains("\"schema_version\" : 2", "\"label_convention\"", "\"channel_mean\"",
        "\"rgb_covariance\"", "\"reason\" : \"truncated\"", "\"devkit_id\" : 449", "\"name\" : \"n01440764\"",
        "\"excluded\"");
    Manifest back = ManifestJson.read(json, "manifest.json");
    assertThat(back).usingRecursiveComparison().isEqualTo(sample());
    assertThat(back.splits().get("train").bytes()).isEqualTo(1000);
  }

  @Test
  void refusesOtherSchemaVersionsAndNonManifests() {
    byte[] future = new String(ManifestJson.write(sample()), StandardCharsets.UTF_8)
        .replace("\"schema_version\" : 2", "\"schema_version\" : 99").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ManifestJson.read(future, "m.json")).hasMessageContaining("schema version 99");
    assertThatThrownBy(() -> ManifestJson.read("{\"a\":1}".getBytes(), "m.json")).hasMessageContaining("no schema_version");
    assertThatThrownBy(() -> ManifestJson.read("<html>".getBytes(), "m.json")).hasMessageContaining("not valid JSON");
  }

  /** A dataset prepared before schema 2 opens with the same classes: "synsets" of WNIDs and ILSVRC2012_IDs. */
  @Test
  void readsSchemaOneManifests() throws IOException {
    String v2 = new String(ManifestJson.write(sample()), StandardCharsets.UTF_8);
    String v1 = v2.replace("\"schema_version\" : 2", "\"schema_version\" : 1").replace("\"classes\" :", "\"synsets\" :")
        .replace("\"name\" :", "\"wnid\" :").replace("\"devkit_id\" :", "\"ilsvrc2012_id\" :")
        .replaceAll("(?s)\"excluded\" : \\{.*?\\}\\s*\\},", "");
    Manifest back = ManifestJson.read(v1.getBytes(StandardCharsets.UTF_8), "old/manifest.json");
    assertThat(back.classes()).isEqualTo(sample().classes());
    assertThat(back.classes().get(0)).isEqualTo(new Manifest.ClassLabel(0, "n01440764", "tench, Tinca tinca", 449));
    assertThat(back.excluded()).isEmpty();
  }

  @Test
  void namesShardsLikeTensorFlow() {
    assertThat(ShardName.of("train", 42, 1024)).isEqualTo("train-00042-of-01024");
    assertThatThrownBy(() -> ShardName.of("train", 1024, 1024)).isInstanceOf(IllegalArgumentException.class);
  }
}
