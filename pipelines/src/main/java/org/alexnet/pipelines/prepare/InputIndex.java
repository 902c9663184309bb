package org.alexnet.pipelines.prepare;

import java.util.List;
import java.util.Map;
import org.alexnet.dataset.manifest.Manifest;

/**
 * What the driver learned from the inputs before the pipeline starts: the work to list in parallel,
 * the entries it already refused, what a class selection left out without listing it, the inputs by
 * name, the classes, and a fingerprint of it all for the dataset id.
 *
 * @param excluded per split, the classes a selection left out and the files of theirs skipped here
 */
public record InputIndex(
    List<ScanTask> tasks,
    List<Manifest.Quarantined> refused,
    Map<String, Manifest.Excluded> excluded,
    Map<String, String> inputs,
    Labels labels,
    String fingerprint) {}
