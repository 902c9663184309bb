package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.alexnet.dataset.ClassSet;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.pipelines.prepare.archive.TarEntry;
import org.alexnet.pipelines.prepare.archive.TarScanner;
import org.alexnet.storage.Sha256;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.alexnet.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads only what locating the work needs: the train tar's top level (the class tars), the val
 * tar's headers (seeking past contents), folder listings, the devkit or label table and a class
 * selection. Decides the dataset's classes: the devkit's, else those the train inputs name (class
 * tars or folders), else those the validation labels name; a selection keeps some of them, and the
 * class tars and folder files of the others are left out unread.
 */
public final class InputIndexer {
  private static final Logger LOG = LoggerFactory.getLogger(InputIndexer.class);
  /** Validation members listed per parallel task. */
  static final int VAL_MEMBERS_PER_TASK = 256;

  private final List<ScanTask> tasks = new ArrayList<>();
  private final List<Manifest.Quarantined> refused = new ArrayList<>();
  private final Map<String, String> inputs = new LinkedHashMap<>();
  private final MessageDigest fingerprint = Sha256.newDigest();

  public static InputIndex index(PrepareInputs in) throws IOException {
    InputIndexer indexer = new InputIndexer();
    Devkit devkit = in.devkit() == null ? null : indexer.devkit(in.devkit());
    Map<String, String> validation = devkit != null ? Labels.fromDevkit(devkit)
        : in.valLabels() != null ? indexer.table(in.valLabels()) : Map.of();
    Set<String> selection = in.classes() == null ? null : indexer.selection(in.classes());
    if (in.trainTar() != null) {
      indexer.add(Dataset.TRAIN, in.trainTar());
    }
    if (in.valTar() != null) {
      indexer.add(Dataset.VALIDATION, in.valTar());
    }
    if (indexer.tasks.isEmpty() && indexer.refused.isEmpty()) {
      throw new IllegalArgumentException("no input images found: give --train-tar and/or --val-tar (tars or folders)");
    }
    boolean flatValidation = indexer.tasks.stream().anyMatch(t -> t.className() == null && !t.split().equals(Dataset.TRAIN));
    if (flatValidation && devkit == null && in.valLabels() == null) {
      throw new IllegalArgumentException("validation images not in class folders need labels: give --devkit "
          + "(ILSVRC2012_devkit_t12.tar.gz) or --val-labels (a 'file name, class' table)");
    }
    ClassSet found = devkit != null ? ClassSet.of(devkit.synsets()) : ClassSet.named(indexer.classesNamed(validation));
    ClassSet classes = selection == null ? found : found.select(selection);
    Map<String, Manifest.Excluded> excluded = selection == null ? Map.of()
        : ClassSelection.leaveOut(indexer.tasks, classes, validation);
    if (!classes.isIlsvrc2012()) {
      // labels follow the class set: a dataset of other classes is another dataset even from the same files
      indexer.fingerprint.update(("classes " + classes.size() + " " + classes.fingerprint()).getBytes(StandardCharsets.UTF_8));
    }
    Set<String> excludedNames = new TreeSet<>();
    excluded.values().forEach(e -> excludedNames.addAll(e.classes()));
    return new InputIndex(List.copyOf(indexer.tasks), List.copyOf(indexer.refused), excluded, Map.copyOf(indexer.inputs),
        new Labels(classes, excludedNames, validation), Sha256.hexDigest(indexer.fingerprint));
  }

  private Devkit devkit(String uri) throws IOException {
    byte[] archive = Storage.readAll(uri);
    digest("devkit", archive);
    inputs.put("devkit", uri);
    return Devkit.read(new java.io.ByteArrayInputStream(archive), uri);
  }

  private Map<String, String> table(String uri) throws IOException {
    byte[] table = Storage.readAll(uri);
    digest("val-labels", table);
    inputs.put("val_labels", uri);
    return Labels.fromTable(table, uri);
  }

  private Set<String> selection(String uri) throws IOException {
    byte[] text = Storage.readAll(uri);
    inputs.put("classes", uri);
    return ClassSelection.parse(text, uri);
  }

  /** The classes the inputs name: the train inputs' class tars and folders, else the validation labels and folders. */
  private Set<String> classesNamed(Map<String, String> validation) {
    Set<String> train = new TreeSet<>();
    Set<String> val = new TreeSet<>(validation.values());
    for (ScanTask t : tasks) {
      if (t.className() != null) {
        (t.split().equals(Dataset.TRAIN) ? train : val).add(t.className());
      }
    }
    return train.isEmpty() ? val : train;
  }

  private void add(String split, String uri) throws IOException {
    inputs.put(split, uri);
    if (isFolder(uri)) {
      addFolder(split, uri);
    } else {
      addTar(split, uri);
    }
  }

  private static boolean isFolder(String uri) throws IOException {
    return !Storage.list(uri).isEmpty();
  }

  private void addTar(String split, String uri) throws IOException {
    long size = Storage.size(uri);
    List<TarEntry> entries;
    try (SeekableByteChannel channel = Storage.openSeekable(uri)) {
      entries = TarScanner.of(channel, uri, uri).scan(0, size);
    }
    String archive = StorageUri.baseName(uri);
    digest(split + " " + size, entriesText(entries));
    if (split.equals(Dataset.TRAIN)) {
      addClassTars(uri, archive, entries);
    } else {
      addFlatTar(split, uri, archive, entries);
    }
    LOG.info("{}: {} top-level entries in {}", split, entries.size(), uri);
  }

  private void addClassTars(String uri, String archive, List<TarEntry> entries) {
    for (TarEntry e : entries) {
      String name = SafeNames.baseName(e.name());
      String display = archive + "/" + SafeNames.describe(e.name());
      if (e.type() == TarEntry.Type.DIRECTORY) {
        continue;
      }
      if (e.type() != TarEntry.Type.FILE || name == null) {
        refuse(Dataset.TRAIN, display, QuarantineReason.HOSTILE_NAME, hostility(e));
      } else if (!name.endsWith(".tar")) {
        refuse(Dataset.TRAIN, display, QuarantineReason.NOT_AN_IMAGE, "the train tar should hold one <wnid>.tar per class");
      } else {
        tasks.add(new ScanTask(ScanTask.Kind.TAR, Dataset.TRAIN, uri, e.dataOffset(), e.dataOffset() + e.size(),
            name.substring(0, name.length() - ".tar".length()), display, ScanTask.UNLISTED));
      }
    }
  }

  /** Splits a flat tar into runs of members whose headers are re-read in parallel, back to back. */
  private void addFlatTar(String split, String uri, String archive, List<TarEntry> entries) {
    long runStart = 0;
    int inRun = 0;
    long files = 0;
    for (int i = 0; i < entries.size(); i++) {
      inRun++;
      files += entries.get(i).type() == TarEntry.Type.DIRECTORY ? 0 : 1; // as the scan counts them
      if (inRun == VAL_MEMBERS_PER_TASK || i == entries.size() - 1) {
        long runEnd = entries.get(i).end();
        tasks.add(new ScanTask(ScanTask.Kind.TAR, split, uri, runStart, runEnd, null, archive, files));
        runStart = runEnd;
        inRun = 0;
        files = 0;
      }
    }
  }

  /** train/<class>/<file>, and val/<file> or val/<class>/<file> (class folders of any name, as ImageFolder's). */
  private void addFolder(String split, String uri) throws IOException {
    String root = StorageUri.parse(uri).text();
    List<StoredObject> files = Storage.list(uri);
    StringBuilder listing = new StringBuilder();
    for (StoredObject f : files) {
      String path = f.uri();
      String relative = path.substring(root.length()).replaceFirst("^/+", "");
      listing.append(relative).append(' ').append(f.sizeBytes()).append('\n');
      String[] parts = relative.split("/");
      boolean classFolder = parts.length == 2 && SafeNames.className(parts[0]) != null;
      boolean flat = parts.length == 1 && !split.equals(Dataset.TRAIN);
      String name = SafeNames.baseName(parts[parts.length - 1]);
      if (name == null || !(classFolder || flat)) {
        refuse(split, relative, QuarantineReason.HOSTILE_NAME,
            split.equals(Dataset.TRAIN) ? "expected train/<class>/<file>" : "expected val/<file> or val/<class>/<file>");
        continue;
      }
      tasks.add(new ScanTask(ScanTask.Kind.FILE, split, path, 0, f.sizeBytes(), classFolder ? parts[0] : null,
          uri.replaceFirst("/+$", "") + "/" + relative, 1));
    }
    digest(split + " folder", listing.toString().getBytes(StandardCharsets.UTF_8));
    LOG.info("{}: {} files in folder {}", split, files.size(), uri);
  }

  static String hostility(TarEntry e) {
    return switch (e.type()) {
      case SYMLINK -> "symbolic link to " + SafeNames.describe(e.linkTarget()) + ": links are never followed";
      case HARDLINK -> "hard link to " + SafeNames.describe(e.linkTarget()) + ": links are never followed";
      case DEVICE, FIFO, OTHER -> "not a regular file (" + e.type().name().toLowerCase(java.util.Locale.ROOT) + ")";
      default -> "not a plain file name (absolute path, '..', folders or control characters)";
    };
  }

  private void refuse(String split, String file, QuarantineReason reason, String detail) {
    refused.add(new Manifest.Quarantined(file, split, reason, detail));
  }

  private static byte[] entriesText(List<TarEntry> entries) {
    StringBuilder s = new StringBuilder();
    entries.forEach(e -> s.append(e.name()).append(' ').append(e.size()).append(' ').append(e.type()).append('\n'));
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void digest(String label, byte[] content) {
    fingerprint.update(label.getBytes(StandardCharsets.UTF_8));
    fingerprint.update(Sha256.newDigest().digest(content));
  }
}
