package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import org.alexnet.dataset.Dataset;
import org.alexnet.storage.StorageUri;
import org.apache.beam.sdk.transforms.DoFn;

/** Writes the report from the combined counts, on a worker, so that --out may be S3 on a cluster. */
final class WriteReportFn extends DoFn<EvalCounts, Void> {
  private final String datasetUri;
  private final String out;
  private final EvalSummary.Settings settings;
  private final long startMillis;

  WriteReportFn(String datasetUri, String out, EvalSummary.Settings settings, long startMillis) {
    this.datasetUri = datasetUri;
    this.out = out;
    this.settings = settings;
    this.startMillis = startMillis;
  }

  @ProcessElement
  public void process(@Element EvalCounts counts) throws IOException {
    double seconds = (System.currentTimeMillis() - startMillis) / 1000.0;
    EvalReport.write(StorageUri.parse(out), counts, Dataset.open(datasetUri).manifest().classes(), settings, seconds);
  }
}
