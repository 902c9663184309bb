package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ilsvrc.Devkit;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.pipelines.prepare.archive.TarEntry;
import org.alexnet.pipelines.prepare.archive.TarScanner;
import org.alexnet.storage.Sha256;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads only what locating the work needs: the train tar's top level (the class tars), the val
 * tar's headers (seeking past contents), folder listings, and the devkit or label table.
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
    Labels labels = indexer.labels(in.devkit(), in.valLabels());
    if (in.trainTar() != null) {
      indexer.add(Dataset.TRAIN, in.trainTar());
    }
    if (in.valTar() != null) {
      indexer.add(Dataset.VALIDATION, in.valTar());
    }
    if (indexer.tasks.isEmpty() && indexer.refused.isEmpty()) {
      throw new IllegalArgumentException("no input images found: give --train-tar and/or --val-tar (tars or folders)");
    }
    return new InputIndex(List.copyOf(indexer.tasks), List.copyOf(indexer.refused), Map.copyOf(indexer.inputs),
        labels, HexFormat.of().formatHex(indexer.fingerprint.digest()));
  }

  private Labels labels(String devkit, String valLabels) throws IOException {
    if (valLabels != null) {
      byte[] table = Storage.readAll(valLabels);
      digest("val-labels", table);
      inputs.put("val_labels", valLabels);
      return Labels.fromTable(table, valLabels);
    }
    if (devkit == null) {
      return Labels.trainOnly();
    }
    byte[] archive = Storage.readAll(devkit);
    digest("devkit", archive);
    inputs.put("devkit", devkit);
    return Labels.fromDevkit(Devkit.read(new java.io.ByteArrayInputStream(archive), devkit));
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
    String archive = uri.substring(uri.lastIndexOf('/') + 1);
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
            name.substring(0, name.length() - ".tar".length()), display));
      }
    }
  }

  /** Splits a flat tar into runs of members whose headers are re-read in parallel, back to back. */
  private void addFlatTar(String split, String uri, String archive, List<TarEntry> entries) {
    long runStart = 0;
    int inRun = 0;
    for (int i = 0; i < entries.size(); i++) {
      inRun++;
      if (inRun == VAL_MEMBERS_PER_TASK || i == entries.size() - 1) {
        long runEnd = entries.get(i).end();
        tasks.add(new ScanTask(ScanTask.Kind.TAR, split, uri, runStart, runEnd, null, archive));
        runStart = runEnd;
        inRun = 0;
      }
    }
  }

  /** train/<wnid>/<file>, and val/<file> or val/<wnid>/<file>. */
  private void addFolder(String split, String uri) throws IOException {
    String root = StorageUri.parse(uri).text();
    List<MatchResult.Metadata> files = Storage.list(uri);
    StringBuilder listing = new StringBuilder();
    for (MatchResult.Metadata f : files) {
      String path = f.resourceId().toString();
      String relative = path.substring(root.length()).replaceFirst("^/+", "");
      listing.append(relative).append(' ').append(f.sizeBytes()).append('\n');
      String[] parts = relative.split("/");
      boolean classFolder = parts.length == 2 && parts[0].matches("n\\d{8}");
      boolean flat = parts.length == 1 && !split.equals(Dataset.TRAIN);
      String name = SafeNames.baseName(parts[parts.length - 1]);
      if (name == null || !(classFolder || flat)) {
        refuse(split, relative, QuarantineReason.HOSTILE_NAME,
            split.equals(Dataset.TRAIN) ? "expected train/<wnid>/<file>" : "expected val/<file> or val/<wnid>/<file>");
        continue;
      }
      tasks.add(new ScanTask(ScanTask.Kind.FILE, split, path, 0, f.sizeBytes(), classFolder ? parts[0] : null,
          uri.replaceFirst("/+$", "") + "/" + relative));
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
