package org.alexnet.pipelines.prepare;

import java.io.Serializable;

/**
 * A piece of input to list in parallel: a class tar nested in the train tar, a run of members of a
 * flat tar, or one loose file of an extracted folder.
 *
 * @param start first byte (a header for tars; 0 for a file)
 * @param end end of the byte range
 * @param className the class of every member (a class tar or folder), or null when the file name gives it (flat val)
 * @param display how the input is named in messages and the quarantine, e.g. ILSVRC2012_img_train.tar/n01440764.tar
 * @param files the files it holds as the index listed them, or {@link #UNLISTED} for a class tar (only its scan lists it)
 */
public record ScanTask(Kind kind, String split, String uri, long start, long end, String className, String display,
    long files) implements Serializable {
  public static final long UNLISTED = -1;

  public enum Kind { TAR, FILE }

  boolean listed() {
    return files != UNLISTED;
  }
}
