package org.alexnet.trainer.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.alexnet.storage.StoredObject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A run's checkpoint folder: {@code checkpoint-<step>.zip} files (the last {@code keep} kept) and
 * {@code model_best.zip}, the checkpoint with the best validation top-1, as the PyTorch example keeps.
 *
 * <p>A trainer that {@link #claim}s the folder fences out every trainer that claimed it before: their
 * saves are refused. A workflow's retry can start while a cut-off attempt still runs, and the older one
 * must not overwrite what the newer one writes.
 */
public final class CheckpointDir {
  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{9})\\.zip");
  private static final Pattern GENERATION = Pattern.compile("\"generation\"\\s*:\\s*(\\d+)");
  static final String BEST = "model_best.zip";
  /** Names the generation of the trainer that claimed the folder last. */
  static final String OWNER = "owner.json";

  private final StorageUri root;
  private final int keep;
  /** This trainer's generation; 0 until it claims the folder (then its saves are not fenced). */
  private long generation;

  public CheckpointDir(String root, int keep) {
    this.root = StorageUri.parse(root);
    this.keep = Math.max(1, keep);
  }

  /** Takes the folder over: from now on, saves by a trainer that claimed it earlier are refused. */
  public long claim() throws IOException {
    generation = currentGeneration() + 1;
    Storage.writeAtomically(root.resolve(OWNER),
        ("{\"generation\": " + generation + "}\n").getBytes(StandardCharsets.UTF_8));
    return generation;
  }

  public String save(MultiLayerNetwork net, CheckpointState state) throws IOException {
    checkOwnership();
    String uri = root.resolve(String.format("checkpoint-%09d.zip", state.globalStep()));
    Checkpoints.save(uri, net, state);
    List<String> all = checkpoints();
    if (all.size() > keep) {
      Storage.delete(all.subList(0, all.size() - keep));
    }
    return uri;
  }

  public void saveBest(MultiLayerNetwork net, CheckpointState state) throws IOException {
    checkOwnership();
    Checkpoints.save(best(), net, state);
  }

  public String best() {
    return root.resolve(BEST);
  }

  /** Checkpoints newest first: {@code --resume auto} continues from the first one that reads back whole. */
  public List<String> newestFirst() throws IOException {
    List<String> all = checkpoints();
    java.util.Collections.reverse(all);
    return all;
  }

  private void checkOwnership() throws IOException {
    long current = generation == 0 ? 0 : currentGeneration();
    if (current != generation) {
      throw new CheckpointsTakenOver(root.text(), generation, current);
    }
  }

  private long currentGeneration() throws IOException {
    String owner = root.resolve(OWNER);
    if (!Storage.exists(owner)) {
      return 0;
    }
    Matcher m = GENERATION.matcher(new String(Storage.readAll(owner), StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new IOException(owner + " is not a checkpoint folder's owner record: remove it");
    }
    return Long.parseLong(m.group(1));
  }

  private List<String> checkpoints() throws IOException {
    List<String> found = new ArrayList<>();
    for (StoredObject file : Storage.list(root.text())) {
      String path = file.uri();
      Matcher matcher = NAME.matcher(StorageUri.baseName(path));
      if (matcher.matches()) {
        found.add(path);
      }
    }
    found.sort(Comparator.naturalOrder());
    return found;
  }
}
