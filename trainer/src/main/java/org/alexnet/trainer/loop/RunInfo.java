package org.alexnet.trainer.loop;

import java.util.List;

/**
 * What a checkpoint records about the model and its inputs.
 *
 * @param classes the names of the classes it learns, in label order
 */
public record RunInfo(String shape, String normalization, String datasetId, List<String> classes) {}
