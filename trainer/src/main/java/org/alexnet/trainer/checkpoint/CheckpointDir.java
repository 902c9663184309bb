package org.alexnet.trainer.checkpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A run's checkpoint folder: {@code checkpoint-<step>.zip} files (the last {@code keep} kept) and
 * {@code model_best.zip}, the checkpoint with the best validation top-1, as the PyTorch example keeps.
 */
public final class CheckpointDir {
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{9})\\.zip");
  static final String BEST = "model_best.zip";

  private final StorageUri root;
  private final int keep;

  public CheckpointDir(String root, int keep) {
    this.root = StorageUri.parse(root);
    this.keep = Math.max(1, keep);
  }

  public String save(MultiLayerNetwork net, CheckpointState state) throws IOException {
    String uri = root.resolve(String.format("checkpoint-%09d.zip", state.globalStep()));
    Checkpoints.save(uri, net, state);
    List<String> all = checkpoints();
    if (all.size() > keep) {
      Storage.delete(all.subList(0, all.size() - keep));
    }
    return uri;
  }

  public void saveBest(MultiLayerNetwork net, CheckpointState state) throws IOException {
    Checkpoints.save(root.resolve(BEST), net, state);
  }

  /** The newest checkpoint, if any: what {@code --resume auto} continues from. */
  public Optional<String> latest() throws IOException {
    List<String> all = checkpoints();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private List<String> checkpoints() throws IOException {
    List<String> found = new ArrayList<>();
    for (MatchResult.Metadata m : Storage.list(root.text())) {
      String path = m.resourceId().toString();
      Matcher matcher = NAME.matcher(path.substring(path.lastIndexOf('/') + 1));
      if (matcher.matches()) {
        found.add(path);
      }
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }
}
