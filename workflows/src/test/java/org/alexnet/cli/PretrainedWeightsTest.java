package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where -p without a PATH finds torchvision's AlexNet weights, with a temporary home and environment. */
class PretrainedWeightsTest {
  @TempDir Path dir;

  private Path home() {
    return dir.resolve("home");
  }

  @Test
  void findsTorchHubsFileUnderTheDefaultCache() throws IOException {
    Path hub = touch(home().resolve(".cache/torch/hub/checkpoints/alexnet-owt-7be5be79.pth"));
    assertThat(new PretrainedWeights(Map.of(), home()).find()).isEqualTo(hub);
  }

  @Test
  void findsTorchHubsFileUnderTorchHome() throws IOException {
    Path torchHome = dir.resolve("torch-home");
    Path hub = touch(torchHome.resolve("hub/checkpoints/alexnet-owt-7be5be79.pth"));
    touch(dir.resolve("xdg/torch/hub/checkpoints/alexnet-owt-7be5be79.pth")); // TORCH_HOME wins over XDG_CACHE_HOME
    Map<String, String> env = Map.of("TORCH_HOME", torchHome.toString(),
        "XDG_CACHE_HOME", dir.resolve("xdg").toString());
    assertThat(new PretrainedWeights(env, home()).find()).isEqualTo(hub);
  }

  @Test
  void findsTorchHubsFileUnderXdgCacheHome() throws IOException {
    Path hub = touch(dir.resolve("xdg/torch/hub/checkpoints/alexnet-owt-7be5be79.pth"));
    Map<String, String> env = Map.of("XDG_CACHE_HOME", dir.resolve("xdg").toString(), "TORCH_HOME", "");
    assertThat(new PretrainedWeights(env, home()).find()).isEqualTo(hub);
  }

  @Test
  void expandsALeadingTildeAsTorchDoes() throws IOException {
    Path hub = touch(home().resolve("models/torch/hub/checkpoints/alexnet-owt-7be5be79.pth"));
    assertThat(new PretrainedWeights(Map.of("TORCH_HOME", "~/models/torch"), home()).find()).isEqualTo(hub);
  }

  @Test
  void prefersTorchHubsFileToTheOlderModelZoos() throws IOException {
    Path hub = touch(home().resolve(".cache/torch/hub/checkpoints/alexnet-owt-7be5be79.pth"));
    touch(home().resolve(".torch/models/alexnet-owt-4df8aa71.pth"));
    assertThat(new PretrainedWeights(Map.of(), home()).find()).isEqualTo(hub);
  }

  @Test
  void findsTheOlderModelZoosFileWhenTorchHubHasNone() throws IOException {
    Path zoo = touch(home().resolve(".torch/models/alexnet-owt-4df8aa71.pth"));
    assertThat(new PretrainedWeights(Map.of("TORCH_HOME", dir.resolve("empty").toString()), home()).find())
        .isEqualTo(zoo);
  }

  @Test
  void namesBothPlacesAndTheDownloadWhenNeitherHasTheFile() throws IOException {
    Files.createDirectories(home().resolve(".torch/models/alexnet-owt-4df8aa71.pth")); // a directory is not weights
    Path torchHome = dir.resolve("torch-home");
    assertThatThrownBy(() -> new PretrainedWeights(Map.of("TORCH_HOME", torchHome.toString()), home()).find())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-p: no AlexNet weights found in " + torchHome.resolve("hub/checkpoints/alexnet-owt-7be5be79.pth")
            + " or " + home().resolve(".torch/models/alexnet-owt-4df8aa71.pth")
            + ": download https://download.pytorch.org/models/alexnet-owt-7be5be79.pth into the first, or give -p PATH");
  }

  private static Path touch(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, "weights");
  }
}
