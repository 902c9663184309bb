package org.alexnet.dataset.ilsvrc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.alexnet.dataset.manifest.Manifest.ClassLabel;

/**
 * The ILSVRC2012 synsets as the devkit defines them, with the 1000 classes indexed 0..999 in sorted
 * WNID order (the PyTorch/torchvision label convention, which pretrained weights rely on). Devkit
 * ILSVRC2012_IDs are a different order: ground truth files must be mapped through this table.
 */
public final class SynsetTable {
  public static final int CLASSES = 1000;
  private static final String BUNDLED = "devkit_meta_all_synsets.tsv";

  private final List<Synset> all;
  private final List<Synset> classes;
  private final Map<String, Integer> labelByWnid = new HashMap<>();
  private final Map<Integer, Synset> byId = new HashMap<>();

  public SynsetTable(List<Synset> all) {
    this.all = List.copyOf(all);
    List<Synset> leaves = new ArrayList<>(all.stream().filter(s -> s.ilsvrc2012Id() <= CLASSES).toList());
    if (leaves.size() != CLASSES || leaves.stream().anyMatch(s -> !s.isLeaf())) {
      throw new IllegalArgumentException("a devkit synset table needs the 1000 leaf classes with IDs 1..1000, found "
          + leaves.size());
    }
    leaves.sort(Comparator.comparing(Synset::wnid));
    this.classes = List.copyOf(leaves);
    for (int i = 0; i < classes.size(); i++) {
      labelByWnid.put(classes.get(i).wnid(), i);
    }
    all.forEach(s -> byId.put(s.ilsvrc2012Id(), s));
  }

  /** The table shipped with this build, extracted from the official devkit's meta.mat. */
  public static SynsetTable bundled() {
    try (InputStream in = SynsetTable.class.getResourceAsStream(BUNDLED)) {
      return new SynsetTable(parseTsv(in));
    } catch (IOException e) {
      throw new UncheckedIOException("bundled synset table unreadable", e);
    }
  }

  /** All synsets in devkit ID order (1860 in the real devkit). */
  public List<Synset> all() {
    return all;
  }

  /** The 1000 classes; position = label. */
  public List<Synset> classes() {
    return classes;
  }

  public Synset byLabel(int label) {
    return classes.get(label);
  }

  public Optional<Integer> label(String wnid) {
    return Optional.ofNullable(labelByWnid.get(wnid));
  }

  /** The label of a devkit ILSVRC2012_ID (as in the ground truth file), 1..1000 only. */
  public int labelOfId(int ilsvrc2012Id) {
    Synset s = byId.get(ilsvrc2012Id);
    if (s == null || ilsvrc2012Id > CLASSES) {
      throw new IllegalArgumentException("ILSVRC2012_ID " + ilsvrc2012Id + " is not one of the 1000 classes");
    }
    return labelByWnid.get(s.wnid());
  }

  public List<ClassLabel> classLabels() {
    List<ClassLabel> labels = new ArrayList<>(CLASSES);
    for (int i = 0; i < classes.size(); i++) {
      Synset s = classes.get(i);
      labels.add(new ClassLabel(i, s.wnid(), s.words(), s.ilsvrc2012Id()));
    }
    return labels;
  }

  private static List<Synset> parseTsv(InputStream in) throws IOException {
    List<Synset> synsets = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    reader.readLine(); // header: ilsvrc2012_id wnid num_children children wordnet_height num_train_images words gloss
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String[] f = line.split("\t", -1);
      int[] children = f[3].isEmpty() ? new int[0]
          : java.util.Arrays.stream(f[3].split("[ ,]+")).mapToInt(Integer::parseInt).toArray();
      synsets.add(new Synset(Integer.parseInt(f[0]), f[1], f[6], f[7], children,
          Integer.parseInt(f[4]), Integer.parseInt(f[5])));
    }
    return synsets;
  }
}
