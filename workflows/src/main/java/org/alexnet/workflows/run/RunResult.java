package org.alexnet.workflows.run;

/**
 * What a finished run shows its user: the errors, and where the model, plots, report and lineage are.
 *
 * @param checkpoint the best checkpoint, the one evaluated
 * @param curves training loss and validation error by epoch (PNG)
 * @param report eval.json; per_class.csv, per_class.png and val.pred.txt lie beside it
 * @param record run.json, the run's lineage
 */
public record RunResult(String workflowId, String dataset, String datasetId, String checkpoint, String checkpointSha256,
    long images, double top1Error, double top5Error, String curves, String report, String record) {}
