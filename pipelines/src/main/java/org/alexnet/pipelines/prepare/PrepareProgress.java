package org.alexnet.pipelines.prepare;

import java.util.List;
import org.alexnet.pipelines.LiveCounters;

/**
 * The prepare pipeline's live counts, per split: images found by the scan, images done, and the
 * split's total once it is known: at once for what the index listed (flat tars, folders), after
 * their scan for class tars.
 */
public final class PrepareProgress {
  /** {@link #total} of a split whose total is not known yet. */
  public static final long UNKNOWN = -1;
  private static final String INDEXED = "indexed";

  private PrepareProgress() {}

  /** The driver's index of the run's work: what it listed counts now, the rest as its scan reports. */
  static void recordTasks(String run, List<ScanTask> tasks) {
    for (ScanTask t : tasks) {
      if (t.listed()) {
        LiveCounters.add(run, t.split() + "/listed", t.files());
      } else {
        LiveCounters.add(run, t.split() + "/unlisted", 1);
      }
    }
    LiveCounters.add(run, INDEXED, 1);
  }

  static void recordFound(String run, ScanTask task, long files) {
    LiveCounters.add(run, task.split() + "/found", files);
    if (!task.listed()) {
      LiveCounters.add(run, task.split() + "/unlisted/scanned", 1);
      LiveCounters.add(run, task.split() + "/unlisted/found", files);
    }
  }

  static void recordDone(String run, String split) {
    recordDone(run, split, 1);
  }

  static void recordDone(String run, String split, long files) {
    LiveCounters.add(run, split + "/done", files);
  }

  /** Images found so far by the scan of a split. */
  public static long found(String run, String split) {
    return LiveCounters.get(run, split + "/found");
  }

  /** Images written or quarantined so far. */
  public static long done(String run, String split) {
    return LiveCounters.get(run, split + "/done");
  }

  /** Whether the driver has indexed the inputs: before, there is nothing to count yet. */
  public static boolean indexed(String run) {
    return LiveCounters.get(run, INDEXED) > 0;
  }

  /**
   * The images of a split (0: it has none), or {@link #UNKNOWN} before the index, or while class tars
   * are still unscanned (always so when a remote cluster scans them: its counts never reach this JVM).
   */
  public static long total(String run, String split) {
    boolean scanned = LiveCounters.get(run, split + "/unlisted/scanned") >= LiveCounters.get(run, split + "/unlisted");
    if (!indexed(run) || !scanned) {
      return UNKNOWN;
    }
    return LiveCounters.get(run, split + "/listed") + LiveCounters.get(run, split + "/unlisted/found");
  }
}
