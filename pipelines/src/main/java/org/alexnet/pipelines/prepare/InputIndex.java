package org.alexnet.pipelines.prepare;

import java.util.List;
import java.util.Map;
import org.alexnet.dataset.manifest.Manifest;

/**
 * What the driver learned from the inputs before the pipeline starts: the work to list in parallel,
 * the entries it already refused, the inputs by name, and a fingerprint of it all for the dataset id.
 */
public record InputIndex(
    List<ScanTask> tasks,
    List<Manifest.Quarantined> refused,
    Map<String, String> inputs,
    Labels labels,
    String fingerprint) {}
