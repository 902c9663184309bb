package org.alexnet.workflows.run;

import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.alexnet.workflows.evaluate.EvaluateOutcome;
import org.alexnet.workflows.prepare.PreparedDataset;
import org.alexnet.workflows.stage.AttemptInfo;
import org.alexnet.workflows.train.TrainOutcome;

/**
 * The workflow's account of its run, kept in workflow state (deterministic, no I/O): each stage's
 * status, attempts and time, and the lines worth printing. The query shows it; run.json records it.
 */
final class RunLedger {
  static final List<String> STAGES = List.of("prepare", "train", "evaluate");

  private final RunRequest request;
  private final String startedAt = now();
  private final List<StageRecord> stages = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private String status = "running";
  private String current = "starting";
  private long stageStartMillis;
  private PreparedDataset dataset;
  private TrainOutcome training;
  private EvaluateOutcome evaluation;
  private RunResult result;
  private String error;

  RunLedger(RunRequest request) {
    this.request = request;
    STAGES.forEach(name -> stages.add(new StageRecord(name, "pending", 0, 0, null, null)));
  }

  void event(String line) {
    events.add(line);
  }

  void started(String stage) {
    current = stage;
    stageStartMillis = Workflow.currentTimeMillis();
    update(stage, "running", 0, null, null);
  }

  void prepared(PreparedDataset d, String detail) {
    dataset = d;
    done("prepare", d.alreadyCommitted(), d.attempt(), detail);
  }

  void trained(TrainOutcome t, String detail) {
    training = t;
    done("train", false, t.attempt(), detail);
  }

  void evaluated(EvaluateOutcome e, String detail) {
    evaluation = e;
    done("evaluate", e.reused(), e.attempt(), detail);
  }

  /** @param skipped the stage found its result in storage and did no work */
  private void done(String stage, boolean skipped, AttemptInfo attempt, String detail) {
    update(stage, skipped ? "skipped" : "done", attempt.attempt(), detail, attempt.code());
    event(stage + ": " + detail);
  }

  void ended(String newStatus, RunResult runResult, String reason) {
    ended(newStatus, runResult, reason, 0);
  }

  /** @param attempts the attempts the current stage took before the run ended, when known */
  void ended(String newStatus, RunResult runResult, String reason, int attempts) {
    status = newStatus;
    result = runResult;
    error = reason;
    if (!newStatus.equals("completed")) {
      update(current, newStatus, Math.max(attempts, attemptsOf(current)), reason, null);
    }
  }

  String current() {
    return current;
  }

  RunStatus status() {
    return new RunStatus(Workflow.getInfo().getWorkflowId(), status, current, List.copyOf(stages), List.copyOf(events),
        result, error);
  }

  RunRecord record() {
    return new RunRecord(RunRecord.SCHEMA_VERSION, Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId(),
        status, startedAt, now(), request, List.copyOf(stages), dataset, training, evaluation, result, error, null);
  }

  private int attemptsOf(String stage) {
    return stages.stream().filter(s -> s.name().equals(stage)).mapToInt(StageRecord::attempts).findFirst().orElse(0);
  }

  private void update(String stage, String newStatus, int attempts, String detail, String code) {
    double seconds = (Workflow.currentTimeMillis() - stageStartMillis) / 1000.0;
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).name().equals(stage)) {
        stages.set(i, stages.get(i).with(newStatus, attempts, newStatus.equals("running") ? 0 : seconds, detail, code));
      }
    }
  }

  private static String now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
  }
}
