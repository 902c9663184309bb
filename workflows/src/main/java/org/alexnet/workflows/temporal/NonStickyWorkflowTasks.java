package org.alexnet.workflows.temporal;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Keeps the development server from routing workflow tasks to one worker's sticky queue. A real
 * Temporal server moves a task off a silent worker's sticky queue after a few seconds; the test
 * server never does, so a workflow whose worker died would wait for it forever. Without sticky
 * attributes every workflow task goes to the shared queue, where any live worker replays the history.
 */
final class NonStickyWorkflowTasks implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      @SuppressWarnings("unchecked") // the same message type, rebuilt
      public void onMessage(Q message) {
        super.onMessage(message instanceof RespondWorkflowTaskCompletedRequest completed && completed.hasStickyAttributes()
            ? (Q) completed.toBuilder().clearStickyAttributes().build()
            : message);
      }
    };
  }
}
