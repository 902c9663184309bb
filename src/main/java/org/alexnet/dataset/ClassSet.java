package org.alexnet.dataset;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.alexnet.dataset.ilsvrc.Synset;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.alexnet.dataset.manifest.Manifest.ClassLabel;
import org.alexnet.storage.Sha256;

/**
 * A dataset's classes: labels 0..K-1 in sorted name order, as torchvision's ImageFolder numbers
 * them (and for the 1000 ILSVRC2012 classes, the sorted-WNID order pretrained weights rely on). Each
 * class has words and, when a devkit defines it, its devkit ID.
 */
public final class ClassSet implements Serializable {
  private final List<ClassLabel> classes;
  private final Map<String, Integer> labels = new HashMap<>();

  private ClassSet(List<ClassLabel> sortedByName) {
    List<ClassLabel> numbered = new ArrayList<>(sortedByName.size());
    for (ClassLabel c : sortedByName) {
      if (labels.putIfAbsent(c.name(), numbered.size()) == null) {
        numbered.add(new ClassLabel(numbered.size(), c.name(), c.words(), c.devkitId()));
      }
    }
    if (numbered.isEmpty()) {
      throw new IllegalArgumentException("no classes: the inputs name none (class tars or folders, or labels)");
    }
    this.classes = List.copyOf(numbered);
  }

  /** A devkit's classes, with its words and IDs. */
  public static ClassSet of(SynsetTable devkit) {
    return sorted(devkit.classLabels());
  }

  /**
   * Classes by name; names that are ILSVRC2012 WNIDs get the bundled table's words (and, for its 1000
   * classes, their devkit IDs); other names are their own words.
   */
  public static ClassSet named(Collection<String> names) {
    SynsetTable ilsvrc = SynsetTable.bundled();
    List<ClassLabel> classes = new ArrayList<>();
    for (String name : new TreeSet<>(names)) {
      Optional<Synset> known = ilsvrc.byWnid(name);
      Integer id = known.filter(Synset::isLeaf).map(Synset::ilsvrc2012Id).orElse(null);
      classes.add(new ClassLabel(0, name, known.map(Synset::words).orElse(name), id));
    }
    return new ClassSet(classes);
  }

  /** The classes of these that are in {@code names}, renumbered. */
  public ClassSet select(Collection<String> names) {
    List<String> unknown = names.stream().filter(n -> !labels.containsKey(n)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(String.format("--classes names %d class%s the inputs do not have: %s",
          unknown.size(), unknown.size() == 1 ? "" : "es", String.join(", ", unknown.subList(0, Math.min(5, unknown.size())))));
    }
    return sorted(classes.stream().filter(c -> names.contains(c.name())).toList());
  }

  private static ClassSet sorted(List<ClassLabel> classes) {
    List<ClassLabel> byName = new ArrayList<>(classes);
    byName.sort(Comparator.comparing(ClassLabel::name));
    return new ClassSet(byName);
  }

  public OptionalInt label(String name) {
    Integer label = name == null ? null : labels.get(name);
    return label == null ? OptionalInt.empty() : OptionalInt.of(label);
  }

  public boolean contains(String name) {
    return labels.containsKey(name);
  }

  public ClassLabel get(int label) {
    return classes.get(label);
  }

  public int size() {
    return classes.size();
  }

  public List<ClassLabel> labels() {
    return classes;
  }

  /** The same classes, with the same labels, as the 1000 of ILSVRC2012: the convention every earlier dataset had. */
  public boolean isIlsvrc2012() {
    return classes.equals(Ilsvrc2012.CLASSES.classes);
  }

  private static final class Ilsvrc2012 {
    static final ClassSet CLASSES = of(SynsetTable.bundled());
  }

  /** A hash of the names in label order, for the dataset id. */
  public String fingerprint() {
    return Sha256.hex(String.join("\n", labels.keySet().stream().sorted().toList()).getBytes(StandardCharsets.UTF_8));
  }
}
