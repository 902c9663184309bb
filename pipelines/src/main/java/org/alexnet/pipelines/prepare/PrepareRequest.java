package org.alexnet.pipelines.prepare;

import java.io.Serializable;
import org.alexnet.storage.StorageUri;

/**
 * One preparation: the inputs, where the dataset goes, and the settings that decide its bytes. The
 * command line, the workflow's activity and the tests all describe a preparation with this.
 *
 * @param output a local folder or {@code s3://bucket/prefix}
 * @param overwrite replace a committed dataset made from other inputs or settings at {@code output}
 */
public record PrepareRequest(PrepareInputs inputs, String output, PrepareSettings settings, boolean overwrite)
    implements Serializable {
  public PrepareRequest {
    output = StorageUri.parse(output).text(); // a bad location fails here, before any input is read
  }

  /** The same preparation into another location. */
  public PrepareRequest withOutput(String newOutput) {
    return new PrepareRequest(inputs, newOutput, settings, overwrite);
  }
}
