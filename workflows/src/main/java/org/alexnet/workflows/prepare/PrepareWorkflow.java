package org.alexnet.workflows.prepare;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.storage.Sha256;

/**
 * Prepares a dataset, or finds it committed, and returns its URI and id: the workflow that any
 * model's workflow starts as a child to get its data. Start it with the id {@link #workflowId} gives,
 * so that runs needing the same dataset in the same place share one preparation.
 */
@WorkflowInterface
public interface PrepareWorkflow {
  /** @param heartbeatSeconds how long the pipelines worker may be silent before preparing moves to another */
  @WorkflowMethod
  PreparedDataset prepare(PrepareRequest request, int heartbeatSeconds);

  /** The workflow id of the preparation of dataset {@code datasetId} into {@code output}. */
  static String workflowId(String datasetId, String output) {
    String place = Sha256.hex(output.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 8);
    return "prepare-" + datasetId + "-" + place;
  }
}
