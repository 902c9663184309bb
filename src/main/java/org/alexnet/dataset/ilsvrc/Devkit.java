package org.alexnet.dataset.ilsvrc;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * What the ILSVRC2012 devkit ({@code ILSVRC2012_devkit_t12.tar.gz}) tells: the synset table and the
 * validation ground truth, as devkit ILSVRC2012_IDs in val file-name order.
 */
public record Devkit(SynsetTable synsets, int[] validationGroundTruth) {
  public static final String ARCHIVE = "ILSVRC2012_devkit_t12.tar.gz";
  public static final String META_MAT = "ILSVRC2012_devkit_t12/data/meta.mat";
  public static final String GROUND_TRUTH = "ILSVRC2012_devkit_t12/data/ILSVRC2012_validation_ground_truth.txt";

  /** The label (sorted-WNID index) of validation image {@code number} (1-based, as in its file name). */
  public int validationLabel(int number) {
    if (number < 1 || number > validationGroundTruth.length) {
      throw new IllegalArgumentException("the devkit has no ground truth for validation image " + number
          + " (it lists " + validationGroundTruth.length + ")");
    }
    return synsets.labelOfId(validationGroundTruth[number - 1]);
  }

  /** Reads the devkit archive; the top folder's name does not matter. */
  public static Devkit read(InputStream tarGz, String source) throws IOException {
    List<Synset> synsets = null;
    int[] groundTruth = null;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(tarGz)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().endsWith("data/meta.mat")) {
          synsets = MetaMat.read(new ByteArrayInputStream(tar.readAllBytes()));
        } else if (e.getName().endsWith("data/ILSVRC2012_validation_ground_truth.txt")) {
          groundTruth = parseIds(new String(tar.readAllBytes(), StandardCharsets.US_ASCII), source);
        }
      }
    } catch (IOException e) {
      throw new IOException(source + " is not a readable devkit .tar.gz: " + e.getMessage(), e);
    }
    if (synsets == null || groundTruth == null) {
      throw new IOException(source + " lacks data/meta.mat or data/ILSVRC2012_validation_ground_truth.txt:"
          + " is it ILSVRC2012_devkit_t12.tar.gz?");
    }
    return new Devkit(new SynsetTable(synsets), groundTruth);
  }

  /** Parses a ground-truth file: one devkit ILSVRC2012_ID per line. */
  public static int[] parseIds(String text, String source) throws IOException {
    try {
      return text.lines().map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IOException(source + ": ground truth holds a line that is not an ILSVRC2012_ID: " + e.getMessage(), e);
    }
  }
}
