package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.dataset.ilsvrc.SynsetTable;

/**
 * Labels (0..999, sorted-WNID order): train images by their class (tar or folder), validation images
 * by file name through the devkit's ground truth (devkit IDs mapped through meta.mat) or a
 * filename-to-WNID table.
 */
public final class Labels implements Serializable {
  private final Map<String, Integer> byWnid = new HashMap<>();
  private final Map<String, String> validationWnids;
  private final Map<Integer, String> wordsByLabel = new HashMap<>();

  private Labels(SynsetTable synsets, Map<String, String> validationWnids) {
    synsets.classes().forEach(s -> byWnid.put(s.wnid(), synsets.label(s.wnid()).orElseThrow()));
    synsets.classes().forEach(s -> wordsByLabel.put(byWnid.get(s.wnid()), s.words()));
    this.validationWnids = Map.copyOf(validationWnids);
  }

  public static Labels fromDevkit(Devkit devkit) {
    Map<String, String> val = new HashMap<>();
    int[] truth = devkit.validationGroundTruth();
    for (int i = 0; i < truth.length; i++) {
      val.put(String.format("ILSVRC2012_val_%08d.JPEG", i + 1),
          devkit.synsets().byLabel(devkit.validationLabel(i + 1)).wnid());
    }
    return new Labels(devkit.synsets(), val);
  }

  /** Labels for train images only (class tars and folders name their WNID). */
  public static Labels trainOnly() {
    return new Labels(SynsetTable.bundled(), Map.of());
  }

  /** A table of "file name, WNID" lines (tab, comma or space separated; '#' comments). */
  public static Labels fromTable(byte[] table, String source) throws IOException {
    Map<String, String> val = new HashMap<>();
    int line = 0;
    for (String row : new String(table, StandardCharsets.UTF_8).split("\n")) {
      line++;
      String text = row.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] fields = text.split("[\t, ]+");
      if (fields.length < 2 || !fields[1].matches("n\\d{8}")) {
        throw new IOException(String.format("%s line %d: expected 'file name, WNID', got '%s'", source, line, text));
      }
      val.put(fields[0].substring(fields[0].lastIndexOf('/') + 1), fields[1]);
    }
    return new Labels(SynsetTable.bundled(), val);
  }

  /** Train images and class folders: the label of a WNID, if it is one of the 1000. */
  public OptionalInt ofWnid(String wnid) {
    Integer label = wnid == null ? null : byWnid.get(wnid);
    return label == null ? OptionalInt.empty() : OptionalInt.of(label);
  }

  /** The WNID a validation file is labelled with, or null. */
  public String validationWnid(String fileName) {
    return validationWnids.get(fileName);
  }

  /** The class's words, e.g. "tench, Tinca tinca": the record's image/class/text. */
  public String words(int label) {
    return wordsByLabel.get(label);
  }
}
