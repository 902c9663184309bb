package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.alexnet.dataset.Dataset;
import org.alexnet.storage.StorageUri;
import org.apache.beam.sdk.transforms.DoFn;

/** Writes the report from the combined counts, on a worker, so that --out may be S3 on a cluster. */
final class WriteReportFn extends DoFn<EvalCounts, Void> {
  private final String datasetUri;
  private final String out;
  private final Map<String, String> settings;
  private final long startMillis;

  WriteReportFn(String datasetUri, String out, Map<String, String> settings, long startMillis) {
    this.datasetUri = datasetUri;
    this.out = out;
    this.settings = new LinkedHashMap<>(settings);
    this.startMillis = startMillis;
  }

  @ProcessElement
  public void process(@Element EvalCounts counts) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>(settings);
    json.put("seconds", (System.currentTimeMillis() - startMillis) / 1000.0);
    json.put("images_per_second", counts.images() / Math.max(1e-3, (System.currentTimeMillis() - startMillis) / 1000.0));
    json.put("scoring_images_per_second", counts.scoringImagesPerSecond(Integer.parseInt(settings.get("batch"))));
    EvalReport.write(StorageUri.parse(out), counts, Dataset.open(datasetUri).manifest().classes(), json);
  }
}
