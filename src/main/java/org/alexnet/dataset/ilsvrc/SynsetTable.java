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
 * A devkit's synsets as its meta.mat defines them: the classes are the leaves, with ILSVRC2012_IDs
 * 1..K (1000 in the real devkit; any K in a devkit of one's own), the rest WordNet nodes above them.
 * Classes are indexed 0..K-1 in sorted WNID order (the PyTorch/torchvision label convention, which
 * pretrained weights rely on). Devkit IDs are a different order: ground truth files must be mapped
 * through this table.
 */
public final class SynsetTable {
  /** The classes of the real ILSVRC2012 devkit. */
  public static final int CLASSES = 1000;
  private static final String BUNDLED = "devkit_meta_all_synsets.tsv";

  private final List<Synset> all;
  private final List<Synset> classes;
  private final Map<String, Integer> labelByWnid = new HashMap<>();
  private final Map<Integer, Synset> byId = new HashMap<>();
  private final Map<String, Synset> byWnid = new HashMap<>();

  public SynsetTable(List<Synset> all) {
    this.all = List.copyOf(all);
    List<Synset> leaves = new ArrayList<>(all.stream().filter(Synset::isLeaf).toList());
    int k = leaves.size();
    if (k == 0 || leaves.stream().anyMatch(s -> s.ilsvrc2012Id() < 1 || s.ilsvrc2012Id() > k)
        || leaves.stream().map(Synset::ilsvrc2012Id).distinct().count() != k) {
      throw new IllegalArgumentException(String.format("a devkit's classes are its leaf synsets, with IDs 1..K: "
          + "this one has %d leaves with IDs %s", k, leaves.stream().map(Synset::ilsvrc2012Id).sorted().limit(12).toList()));
    }
    leaves.sort(Comparator.comparing(Synset::wnid));
    this.classes = List.copyOf(leaves);
    for (int i = 0; i < classes.size(); i++) {
      labelByWnid.put(classes.get(i).wnid(), i);
    }
    all.forEach(s -> byId.put(s.ilsvrc2012Id(), s));
    all.forEach(s -> byWnid.putIfAbsent(s.wnid(), s));
  }

  /** The table shipped with this build, extracted from the official devkit's meta.mat. */
  public static SynsetTable bundled() {
    return Bundled.TABLE;
  }

  /** Read once, when first asked for: the table is immutable. */
  private static final class Bundled {
    static final SynsetTable TABLE = read();

    private static SynsetTable read() {
      try (InputStream in = SynsetTable.class.getResourceAsStream(BUNDLED)) {
        return new SynsetTable(parseTsv(in));
      } catch (IOException e) {
        throw new UncheckedIOException("bundled synset table unreadable", e);
      }
    }
  }

  /** All synsets in devkit ID order (1860 in the real devkit). */
  public List<Synset> all() {
    return all;
  }

  /** The classes (1000 in the real devkit); position = label. */
  public List<Synset> classes() {
    return classes;
  }

  public Synset byLabel(int label) {
    return classes.get(label);
  }

  public Optional<Integer> label(String wnid) {
    return Optional.ofNullable(labelByWnid.get(wnid));
  }

  /** The label of a devkit ILSVRC2012_ID (as in the ground truth file), 1..K only. */
  public int labelOfId(int ilsvrc2012Id) {
    Synset s = byId.get(ilsvrc2012Id);
    if (s == null || !s.isLeaf()) {
      throw new IllegalArgumentException("ILSVRC2012_ID " + ilsvrc2012Id + " is not one of the devkit's "
          + classes.size() + " classes");
    }
    return labelByWnid.get(s.wnid());
  }

  /** Any synset of the table by WNID (a class or a node above), for its words. */
  public Optional<Synset> byWnid(String wnid) {
    return Optional.ofNullable(byWnid.get(wnid));
  }

  public List<ClassLabel> classLabels() {
    List<ClassLabel> labels = new ArrayList<>(classes.size());
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
