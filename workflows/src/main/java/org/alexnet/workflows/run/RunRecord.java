package org.alexnet.workflows.run;

import java.util.List;
import org.alexnet.workflows.evaluate.EvaluateOutcome;
import org.alexnet.workflows.prepare.PreparedDataset;
import org.alexnet.workflows.train.TrainOutcome;

/**
 * run.json: the run's lineage, rewritten after every stage. What was asked, which dataset (id and
 * URI) and which checkpoint (with its sha256) gave which evaluation, each stage's attempts, time and
 * code, and the workflow that ran it. Holds no credentials: requests never carry any.
 *
 * @param status running, completed, failed or cancelled
 * @param dataset the dataset used, once prepare is done
 * @param training the training's outcome, with the best checkpoint and its sha256, once done
 * @param evaluation the evaluation's counts and errors, once done
 * @param result the run's result once completed, else null
 * @param error why the run failed, in one line, else null
 * @param recordedBy the code version of the worker that wrote this file
 */
public record RunRecord(int schemaVersion, String workflowId, String temporalRunId, String status, String startedAt,
    String updatedAt, RunRequest request, List<StageRecord> stages, PreparedDataset dataset, TrainOutcome training,
    EvaluateOutcome evaluation, RunResult result, String error, String recordedBy) {
  public static final int SCHEMA_VERSION = 1;

  public boolean completed() {
    return "completed".equals(status) && result != null;
  }

  public RunRecord recordedBy(String code) {
    return new RunRecord(schemaVersion, workflowId, temporalRunId, status, startedAt, updatedAt, request, stages, dataset,
        training, evaluation, result, error, code);
  }
}
