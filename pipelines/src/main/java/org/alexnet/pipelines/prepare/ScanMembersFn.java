package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.pipelines.prepare.archive.TarEntry;
import org.alexnet.pipelines.prepare.archive.TarScanner;
import org.alexnet.pipelines.prepare.image.ImagePreparer;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Lists the images of one {@link ScanTask} from tar headers alone (or takes the one file), labels
 * them, and refuses what cannot be an input image. Every file seen is counted per split.
 */
final class ScanMembersFn extends DoFn<ScanTask, KV<String, List<Member>>> {
  /** One element per task, its split and all its members: a list ships far cheaper than one element each. */
  static final TupleTag<KV<String, List<Member>>> MEMBERS = new TupleTag<>() {};
  static final TupleTag<Manifest.Quarantined> REFUSED = new TupleTag<>() {};
  static final TupleTag<KV<String, Long>> SEEN = new TupleTag<>() {};
  /** Per split, files of classes a selection left out: skipped, counted, not inputs of the dataset. */
  static final TupleTag<KV<String, Long>> EXCLUDED = new TupleTag<>() {};

  private final Counter found = Metrics.counter(ScanMembersFn.class, "imagesFound");
  private final Labels labels;
  private final long maxFileBytes;
  private final String progressKey;

  ScanMembersFn(Labels labels, long maxFileBytes, String progressKey) {
    this.labels = labels;
    this.maxFileBytes = maxFileBytes;
    this.progressKey = progressKey;
  }

  /** The workers that scan will write shards next: their codecs load while they scan. */
  @Setup
  public void setup() {
    ImagePreparer.loadInBackground();
  }

  @ProcessElement
  public void process(@Element ScanTask task, MultiOutputReceiver out) throws IOException {
    List<TarEntry> entries;
    if (task.kind() == ScanTask.Kind.FILE) {
      String name = StorageUri.baseName(task.uri());
      entries = List.of(new TarEntry(name, TarEntry.Type.FILE, 0, task.end(), ""));
    } else {
      try (SeekableByteChannel channel = Storage.openSeekable(task.uri())) {
        entries = TarScanner.of(channel, task.uri(), task.display()).scan(task.start(), task.end());
      }
    }
    List<TarEntry> files = entries.stream().filter(e -> e.type() != TarEntry.Type.DIRECTORY).toList();
    // One count per task, not per file: a count element costs as much to ship as a member does.
    out.get(SEEN).output(KV.of(task.split(), (long) files.size()));
    found.inc(files.size());
    PrepareProgress.recordFound(progressKey, task, files.size());
    List<Member> members = new ArrayList<>(files.size());
    long excluded = 0;
    for (TarEntry e : files) {
      String className = classOf(task, e);
      if (labels.isExcluded(className)) {
        excluded++;
        continue;
      }
      Member m = consider(task, e, className, out);
      if (m != null) {
        members.add(m);
      }
    }
    if (excluded > 0) {
      PrepareProgress.recordDone(progressKey, task.split(), excluded);
      out.get(EXCLUDED).output(KV.of(task.split(), excluded));
    }
    if (!members.isEmpty()) {
      out.get(MEMBERS).output(KV.of(task.split(), members));
    }
  }

  /** The class of a task's member: the task's (class tar or folder), else what the labels say of its file name. */
  private String classOf(ScanTask task, TarEntry e) {
    if (task.className() != null || task.split().equals(Dataset.TRAIN)) {
      return task.className();
    }
    String name = SafeNames.baseName(e.name());
    return name == null ? null : labels.validationClass(name);
  }

  /** The member for a good entry, or null when it was refused. */
  private Member consider(ScanTask task, TarEntry e, String className, MultiOutputReceiver out) {
    String name = SafeNames.baseName(e.name());
    String file = task.kind() == ScanTask.Kind.FILE ? task.display() : task.display() + "/" + SafeNames.describe(e.name());
    if (e.type() != TarEntry.Type.FILE || name == null) {
      return refuse(task, file, QuarantineReason.HOSTILE_NAME, InputIndexer.hostility(e), out);
    }
    if (e.size() > maxFileBytes) {
      return refuse(task, file, QuarantineReason.TOO_LARGE,
          String.format("%,d bytes, over the limit of %,d", e.size(), maxFileBytes), out);
    }
    OptionalInt label = labels.label(className);
    if (label.isEmpty()) {
      return refuse(task, file, QuarantineReason.UNKNOWN_CLASS, className == null
          ? "no label for this file in the ground truth" : String.format("%s is not one of the dataset's %d classes",
              SafeNames.describe(className), labels.classes().size()), out);
    }
    return new Member(task.split(), file, name, task.uri(), e.dataOffset(), e.size(), label.getAsInt(), className,
        labels.words(label.getAsInt()));
  }

  private Member refuse(ScanTask task, String file, QuarantineReason reason, String detail, MultiOutputReceiver out) {
    PrepareProgress.recordDone(progressKey, task.split());
    out.get(REFUSED).output(new Manifest.Quarantined(file, task.split(), reason, detail));
    return null;
  }
}
