package org.alexnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where torchvision's AlexNet weights are when {@code -p} comes without a PATH: torch hub's cache, where
 * current torchvision downloads {@value #HUB_FILE}, then {@code ~/.torch/models}, where the older model zoo
 * put {@value #MODEL_ZOO_FILE}. Nothing is downloaded.
 */
final class PretrainedWeights {
  static final String HUB_FILE = "alexnet-owt-7be5be79.pth";
  static final String MODEL_ZOO_FILE = "alexnet-owt-4df8aa71.pth";
  static final String DOWNLOAD_URL = "https://download.pytorch.org/models/" + HUB_FILE;

  private final Map<String, String> env;
  private final Path home;

  /** {@code env} gives TORCH_HOME and XDG_CACHE_HOME; {@code home} is the user's home directory. */
  PretrainedWeights(Map<String, String> env, Path home) {
    this.env = Map.copyOf(env);
    this.home = home;
  }

  static PretrainedWeights ofThisUser() {
    return new PretrainedWeights(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** The places looked in, in order. */
  List<Path> places() {
    return List.of(torchHome().resolve("hub").resolve("checkpoints").resolve(HUB_FILE),
        home.resolve(".torch").resolve("models").resolve(MODEL_ZOO_FILE));
  }

  /** The first file of {@link #places()} that exists; a user error naming them all when none does. */
  Path find() {
    List<Path> places = places();
    return places.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new IllegalArgumentException(
        String.format("-p: no AlexNet weights found in %s or %s: download %s into the first, or give -p PATH",
            places.get(0), places.get(1), DOWNLOAD_URL)));
  }

  // torch.hub's rule: $TORCH_HOME, else $XDG_CACHE_HOME/torch, else ~/.cache/torch (an empty variable counts as unset)
  private Path torchHome() {
    String torchHome = env.get("TORCH_HOME");
    if (isSet(torchHome)) {
      return expandHome(torchHome);
    }
    String cache = env.get("XDG_CACHE_HOME");
    return (isSet(cache) ? expandHome(cache) : home.resolve(".cache")).resolve("torch");
  }

  // torch expands a leading ~ in these variables itself (os.path.expanduser), so a quoted "~/x" works there too
  private Path expandHome(String path) {
    if (path.equals("~")) {
      return home;
    }
    return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
  }

  private static boolean isSet(String value) {
    return value != null && !value.isEmpty();
  }
}
