package org.alexnet.pipelines.evaluate;

import java.io.Serializable;
import org.alexnet.storage.StorageUri;

/**
 * One evaluation: a model on a dataset's validation split, with its report written to {@code output}.
 * The command line, the workflow's activity and the tests all describe an evaluation with this.
 */
public record EvaluateRequest(String dataset, ModelRef model, EvaluateSettings settings, String output)
    implements Serializable {
  public EvaluateRequest {
    StorageUri.parse(dataset);
    StorageUri.parse(output);
  }
}
