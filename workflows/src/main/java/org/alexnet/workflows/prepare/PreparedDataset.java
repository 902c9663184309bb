package org.alexnet.workflows.prepare;

import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.workflows.stage.AttemptInfo;

/**
 * A committed dataset, as the prepare workflow returns it to whoever needs one.
 *
 * @param alreadyCommitted it was there before (same inputs and settings), so nothing was prepared
 * @param images per split, the images written
 * @param attempt the attempt that found or made it
 */
public record PreparedDataset(String uri, String id, boolean alreadyCommitted, long trainImages, long validationImages,
    long quarantined, AttemptInfo attempt) {

  static PreparedDataset of(Dataset dataset, boolean alreadyCommitted, AttemptInfo attempt) {
    Manifest m = dataset.manifest();
    return new PreparedDataset(dataset.root().text(), m.id(), alreadyCommitted, images(m, Dataset.TRAIN),
        images(m, Dataset.VALIDATION), m.quarantine().size(), attempt);
  }

  private static long images(Manifest m, String split) {
    Manifest.Split s = m.splits().get(split);
    return s == null ? 0 : s.images();
  }
}
