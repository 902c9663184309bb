package org.alexnet.workflows.run;

import org.alexnet.storage.StorageUri;

/**
 * Where a run's files go under its work folder: the dataset it prepares, shared by every run in the
 * folder, and per run its checkpoints, evaluation report and run.json, so that a run with other
 * training settings in the same folder reuses the dataset and keeps its own results.
 */
public record RunLayout(String work, String workflowId) {
  static final String RECORD = "run.json";

  public static String datasetIn(String work) {
    return StorageUri.parse(work).resolve("dataset");
  }

  public String dataset() {
    return datasetIn(work);
  }

  public String runDir() {
    return StorageUri.parse(work).resolve("runs/" + workflowId);
  }

  public String checkpoints() {
    return runDir() + "/checkpoints";
  }

  public String evaluation() {
    return runDir() + "/evaluation";
  }

  public String record() {
    return runDir() + "/" + RECORD;
  }
}
