package org.alexnet.workflows.run;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Locale;
import org.alexnet.pipelines.evaluate.EvaluateRequest;
import org.alexnet.pipelines.evaluate.ModelRef;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.checkpoint.Checkpointing;
import org.alexnet.workflows.TaskQueues;
import org.alexnet.workflows.evaluate.EvaluateActivities;
import org.alexnet.workflows.evaluate.EvaluateOutcome;
import org.alexnet.workflows.prepare.PrepareActivities;
import org.alexnet.workflows.prepare.PrepareWorkflow;
import org.alexnet.workflows.prepare.PreparedDataset;
import org.alexnet.workflows.stage.PipelineStages;
import org.alexnet.workflows.stage.Retries;
import org.alexnet.workflows.stage.StageFailures;
import org.alexnet.workflows.train.TrainActivities;
import org.alexnet.workflows.train.TrainOutcome;

public final class RunWorkflowImpl implements RunWorkflow {
  /** Reading run.json or a manifest, indexing archive headers: seconds to minutes; retries cover a storage hiccup. */
  private static final ActivityOptions BOOKKEEPING = ActivityOptions.newBuilder()
      .setTaskQueue(TaskQueues.PIPELINES)
      .setStartToCloseTimeout(Duration.ofMinutes(30))
      .setRetryOptions(Retries.backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 5))
      .build();

  /**
   * Training takes days on the full dataset, so an attempt may run two weeks. The trainer heartbeats
   * after every batch; silence past the run's heartbeat timeout means the worker died. A retry resumes
   * from the newest checkpoint and so costs at most the steps since it: ten attempts with backoff up
   * to ten minutes ride out lost machines and outages of an hour or two. A cancel waits for the
   * trainer's last checkpoint.
   */
  private static ActivityOptions training(Duration heartbeat) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.TRAINING)
        .setStartToCloseTimeout(Duration.ofDays(14))
        .setHeartbeatTimeout(heartbeat)
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setRetryOptions(Retries.backoff(Duration.ofSeconds(5), Duration.ofMinutes(10), 10))
        .build();
  }

  /**
   * Scoring 50,000 images takes minutes on a GPU, hours on CPUs. A retry scores again from the checkpoint.
   */
  private static ActivityOptions evaluation(Duration heartbeat) {
    return PipelineStages.options(Duration.ofHours(12), heartbeat);
  }

  /** How often to ask again to start a preparation that another run has in progress. */
  private static final Duration SHARED_PREPARATION_POLL = Duration.ofSeconds(10);

  private final RunActivities records = Workflow.newActivityStub(RunActivities.class, BOOKKEEPING);
  private final PrepareActivities datasets = Workflow.newActivityStub(PrepareActivities.class, BOOKKEEPING);
  private RunLedger ledger;

  @Override
  public RunResult run(RunRequest request) {
    ledger = new RunLedger(request);
    RunLayout layout = new RunLayout(request.work(), Workflow.getInfo().getWorkflowId());
    try {
      RunRecord previous = records.readRecord(layout.record());
      if (previous != null && previous.completed()) {
        ledger.event("this run finished before (" + previous.updatedAt() + "): its result is in " + layout.record());
        ledger.ended("completed", previous.result(), null);
        return previous.result();
      }
      if (previous != null) {
        ledger.event(String.format("this run stopped before (%s at %s): resuming from storage", previous.status(),
            previous.updatedAt()));
      }
      return stages(request, layout);
    } catch (CanceledFailure cancel) {
      throw cancelled(layout);
    } catch (ActivityFailure | ChildWorkflowFailure failure) {
      if (CancellationScope.current().isCancelRequested()) {
        throw cancelled(layout); // the stage stopped because of the cancel (a trainer checkpointed first)
      }
      String reason = ledger.current() + ": " + StageReasons.of(failure);
      ledger.ended("failed", null, reason, StageFailures.attemptOf(failure));
      records.writeRecord(layout.record(), ledger.record());
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure(reason, "RunFailed");
    }
  }

  /** prepare -> train -> evaluate, with run.json rewritten after each. */
  private RunResult stages(RunRequest request, RunLayout layout) {
    ledger.started("prepare");
    PreparedDataset dataset = prepare(request);
    ledger.prepared(dataset, describe(dataset));
    records.writeRecord(layout.record(), ledger.record());

    Duration heartbeat = Duration.ofSeconds(request.tuning().heartbeatSeconds());
    ledger.started("train");
    TrainOutcome trained = Workflow.newActivityStub(TrainActivities.class, training(heartbeat)).train(trainRequest(request, dataset, layout));
    ledger.trained(trained, describe(trained));
    records.writeRecord(layout.record(), ledger.record());

    ledger.started("evaluate");
    EvaluateOutcome evaluated = Workflow.newActivityStub(EvaluateActivities.class, evaluation(heartbeat)).evaluate(new EvaluateRequest(dataset.uri(), ModelRef.checkpoint(trained.best()),
        request.evaluate(), layout.evaluation()));
    ledger.evaluated(evaluated, describe(evaluated));

    RunResult result = new RunResult(Workflow.getInfo().getWorkflowId(), dataset.uri(), dataset.id(), trained.best(),
        trained.bestSha256(), evaluated.images(), evaluated.top1Error(), evaluated.top5Error(), trained.curves(),
        evaluated.report(), layout.record());
    ledger.ended("completed", result, null);
    records.writeRecord(layout.record(), ledger.record());
    return result;
  }

  /** Records the cancel, in a scope the cancel does not reach, and ends the run as cancelled. */
  private CanceledFailure cancelled(RunLayout layout) {
    String reason = "cancelled during " + ledger.current();
    ledger.ended("cancelled", null, reason);
    Workflow.newDetachedCancellationScope(() -> records.writeRecord(layout.record(), ledger.record())).run();
    return new CanceledFailure(reason);
  }

  @Override
  public RunStatus status() {
    return ledger == null ? null : ledger.status();
  }

  /** The dataset named by the request, or the one its preparation makes, shared with any run preparing the same. */
  private PreparedDataset prepare(RunRequest request) {
    if (request.dataset() != null) {
      return datasets.describeDataset(request.dataset());
    }
    String id = datasets.datasetId(request.prepare());
    ChildWorkflowOptions options = ChildWorkflowOptions.newBuilder()
        .setWorkflowId(PrepareWorkflow.workflowId(id, request.prepare().output()))
        .setTaskQueue(TaskQueues.PIPELINES)
        .build();
    boolean told = false;
    while (true) {
      try {
        return Workflow.newChildWorkflowStub(PrepareWorkflow.class, options).prepare(request.prepare(),
            request.tuning().heartbeatSeconds());
      } catch (ChildWorkflowFailure f) {
        if (!(f.getCause() instanceof WorkflowExecutionAlreadyStarted)) {
          throw f;
        }
        if (!told) {
          ledger.event("prepare: dataset " + id + " is being prepared by another run (" + options.getWorkflowId()
              + "); waiting to reuse it");
          told = true;
        }
        Workflow.sleep(SHARED_PREPARATION_POLL);
      }
    }
  }

  private static TrainRequest trainRequest(RunRequest request, PreparedDataset dataset, RunLayout layout) {
    RunTuning t = request.tuning();
    return TrainRequest.builder(request.train())
        .dataset(dataset.uri())
        .checkpoints(new Checkpointing(layout.checkpoints(), t.checkpointEvery(), t.checkpointMinutes(),
            Checkpointing.KEEP_LAST))
        .resume(TrainRequest.RESUME_NEWEST)
        .workers(t.workers())
        .printFreq(t.printFreq())
        .build();
  }

  private static String describe(PreparedDataset d) {
    return String.format(Locale.ROOT, "%s dataset %s at %s (%,d train, %,d validation images, %,d quarantined)",
        d.alreadyCommitted() ? "reused committed" : "prepared", d.id(), d.uri(), d.trainImages(), d.validationImages(),
        d.quarantined());
  }

  private static String describe(TrainOutcome t) {
    String last = t.lastTop1() < 0 ? "" : String.format(Locale.ROOT, "; after the last: validation top-1 error %.2f%%, "
        + "top-5 error %.2f%%", 100 - t.lastTop1(), 100 - t.lastTop5());
    return String.format(Locale.ROOT, "%d epochs, %,d steps%s%s; the best epoch's top-1 error %.2f%%: %s", t.epochs(),
        t.steps(), t.resumedFrom() == null ? "" : " (resumed from " + t.resumedFrom() + ")", last, 100 - t.bestTop1(),
        t.best());
  }

  private static String describe(EvaluateOutcome e) {
    return String.format(Locale.ROOT, "%s%,d images: top-1 error %.2f%%, top-5 error %.2f%%",
        e.reused() ? "report already there for this checkpoint; " : "", e.images(), 100 * e.top1Error(),
        100 * e.top5Error());
  }

  /** The one-line reason at the bottom of a stage's failure (the activity's own message). */
  static final class StageReasons {
    private StageReasons() {}

    static String of(TemporalFailure failure) {
      Throwable deepest = failure;
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof TemporalFailure temporal) {
          deepest = temporal;
        }
      }
      String message = deepest instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : deepest.getMessage();
      return message == null || message.isBlank() ? failure.getMessage() : message;
    }
  }
}
