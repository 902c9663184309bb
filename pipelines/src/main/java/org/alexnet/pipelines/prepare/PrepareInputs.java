package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import org.alexnet.storage.StorageUri;

/**
 * What prepare reads: the ILSVRC2012 archives as downloaded (or extracted folders) and the
 * validation labels, each a local path or {@code s3://} URI.
 *
 * @param trainTar ILSVRC2012_img_train.tar, or a folder of {@code <wnid>/*.JPEG}; null for none
 * @param valTar ILSVRC2012_img_val.tar, or a folder of {@code *.JPEG} or {@code <wnid>/*.JPEG}; null for none
 * @param devkit ILSVRC2012_devkit_t12.tar.gz (validation ground truth and synsets), or null
 * @param valLabels instead of the devkit, a table of "file name, class" lines, or null
 * @param classes a file of class names (WNIDs or folder names), one a line, to make a dataset of those
 *     classes only (others are skipped, a train tar's other class tars unread); null for all classes
 */
public record PrepareInputs(String trainTar, String valTar, String devkit, String valLabels, String classes)
    implements Serializable {
  /** Locations are made absolute here, so that a request means the same files on every machine that reads it. */
  public PrepareInputs {
    trainTar = absolute(trainTar);
    valTar = absolute(valTar);
    devkit = absolute(devkit);
    valLabels = absolute(valLabels);
    classes = absolute(classes);
    if (devkit != null && valLabels != null) {
      throw new IllegalArgumentException("give --devkit or --val-labels, not both");
    }
    if (trainTar == null && valTar == null) {
      throw new IllegalArgumentException("no input images: give --train-tar and/or --val-tar (tars or folders)");
    }
  }

  private static String absolute(String uri) {
    return uri == null ? null : StorageUri.parse(uri).text();
  }
}
