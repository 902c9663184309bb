package org.alexnet.workflows.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.alexnet.workflows.run.RunClient;

/** An open connection to a Temporal server, and its client; closing it closes the channel. */
public record TemporalConnection(TemporalTarget target, WorkflowServiceStubs stubs, WorkflowClient client)
    implements AutoCloseable {

  public RunClient runs() {
    return new RunClient(client);
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
