package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.alexnet.dataset.ClassSet;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.storage.StorageUri;

/**
 * The dataset's classes and how inputs get them: train images (and class folders) by their class
 * tar or folder, flat validation images by file name through the devkit's ground truth (devkit IDs
 * mapped through meta.mat) or a file-name table. Classes the inputs have that a selection left out
 * are known as excluded, so that their files are skipped rather than quarantined.
 */
public final class Labels implements Serializable {
  private final ClassSet classes;
  private final Set<String> excluded;
  private final Map<String, String> validationClasses;

  Labels(ClassSet classes, Set<String> excluded, Map<String, String> validationClasses) {
    this.classes = classes;
    this.excluded = Set.copyOf(excluded);
    this.validationClasses = Map.copyOf(validationClasses);
  }

  /** Validation file name to class (WNID) from a devkit's ground truth. */
  static Map<String, String> fromDevkit(Devkit devkit) {
    Map<String, String> val = new HashMap<>();
    int[] truth = devkit.validationGroundTruth();
    for (int i = 0; i < truth.length; i++) {
      val.put(String.format("ILSVRC2012_val_%08d.JPEG", i + 1),
          devkit.synsets().byLabel(devkit.validationLabel(i + 1)).wnid());
    }
    return val;
  }

  /**
   * A table of "file name, class" lines ('#' comments): tab-separated when a line has a tab (so class
   * names may hold spaces), else comma- or space-separated.
   */
  static Map<String, String> fromTable(byte[] table, String source) throws IOException {
    Map<String, String> val = new HashMap<>();
    int line = 0;
    for (String row : new String(table, StandardCharsets.UTF_8).split("\n")) {
      line++;
      String text = row.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split(text.indexOf('\t') >= 0 ? "\t+" : "[, ]+");
      if (fields.length < 2 || SafeNames.className(fields[1]) == null) {
        throw new IOException(String.format("%s line %d: expected 'file name, class', got '%s'", source, line, text));
      }
      val.put(StorageUri.baseName(fields[0]), fields[1]);
    }
    return val;
  }

  public ClassSet classes() {
    return classes;
  }

  /** The label of a class, if it is one of the dataset's. */
  public OptionalInt label(String className) {
    return classes.label(className);
  }

  /** A class of the inputs that the class selection left out. */
  public boolean isExcluded(String className) {
    return className != null && excluded.contains(className);
  }

  /** The class a validation file is labelled with, or null. */
  public String validationClass(String fileName) {
    return validationClasses.get(fileName);
  }

  /** The class's words, e.g. "tench, Tinca tinca": the record's image/class/text. */
  public String words(int label) {
    return classes.get(label).words();
  }
}
