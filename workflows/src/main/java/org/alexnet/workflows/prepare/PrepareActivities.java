package org.alexnet.workflows.prepare;

import io.temporal.activity.ActivityInterface;
import org.alexnet.pipelines.prepare.PrepareRequest;

/** Datasets, on the pipelines queue. */
@ActivityInterface
public interface PrepareActivities {
  /** The id the dataset of this request will have; reads only the inputs' headers and labels. */
  String datasetId(PrepareRequest request);

  /** Runs the prepare pipeline, heartbeating its counts; finds the committed dataset instead when it is there. */
  PreparedDataset prepare(PrepareRequest request);

  /** A dataset prepared before, opened at {@code uri}. */
  PreparedDataset describeDataset(String uri);
}
