package org.alexnet.pipelines.prepare;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.alexnet.dataset.ClassSet;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;

/**
 * {@code --classes}: a file of class names, and what keeping only those leaves out of the inputs.
 * Class tars and folder files of other classes are dropped before the scan, never read; flat
 * validation files are skipped by the scan, since only their labels tell their class.
 */
final class ClassSelection {
  private ClassSelection() {}

  /** One WNID or folder name a line; '#' comments and blank lines. */
  static Set<String> parse(byte[] text, String source) {
    Set<String> names = new TreeSet<>();
    for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      if (SafeNames.className(name) == null) {
        throw new IllegalArgumentException(source + ": '" + SafeNames.describe(name) + "' is not a class name (a WNID "
            + "or folder name a line)");
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(source + " names no classes: give one WNID or folder name a line");
    }
    return names;
  }

  /**
   * Removes from {@code tasks} those of classes not in {@code classes}, and says per split which
   * classes were left out and how many of their files were skipped here.
   */
  static Map<String, Manifest.Excluded> leaveOut(List<ScanTask> tasks, ClassSet classes, Map<String, String> validation) {
    Map<String, Set<String>> names = new TreeMap<>();
    Map<String, Long> files = new TreeMap<>();
    boolean flatValidation = false;
    for (Iterator<ScanTask> it = tasks.iterator(); it.hasNext(); ) {
      ScanTask t = it.next();
      flatValidation |= t.className() == null && t.split().equals(Dataset.VALIDATION);
      if (t.className() != null && !classes.contains(t.className())) {
        it.remove();
        names.computeIfAbsent(t.split(), k -> new TreeSet<>()).add(t.className());
        files.merge(t.split(), t.kind() == ScanTask.Kind.FILE ? 1L : 0L, Long::sum);
      }
    }
    if (flatValidation) {
      validation.values().stream().filter(c -> !classes.contains(c))
          .forEach(c -> names.computeIfAbsent(Dataset.VALIDATION, k -> new TreeSet<>()).add(c));
    }
    Map<String, Manifest.Excluded> excluded = new TreeMap<>();
    names.forEach((split, classNames) -> excluded.put(split,
        new Manifest.Excluded(List.copyOf(classNames), files.getOrDefault(split, 0L))));
    return excluded;
  }
}
