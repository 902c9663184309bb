package org.alexnet.pipelines.evaluate;

import java.io.IOException;
import java.time.Instant;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.pipelines.LiveCounters;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.alexnet.trainer.TrainedModel;
import org.alexnet.trainer.backend.OneDnn;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top-1/top-5 error of a model over a dataset's validation shards: shards are spread over the
 * workers, each scores its shards as one stream of batches ({@link ScoreShardsFn}), the predictions
 * are combined into counts, and one worker writes the report ({@link EvalReport}). The model is
 * checked against the dataset before the pipeline starts.
 */
public final class EvaluatePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluatePipeline.class);

  private EvaluatePipeline() {}

  /** Images scored so far by the run with this progress key (workers in this JVM only). */
  public static long scored(String progressKey) {
    return LiveCounters.get(progressKey, ScoreShardsFn.IMAGES);
  }

  /** @param progressKey names this run's live count of scored images ({@link #scored}) */
  public static EvalSummary run(EvaluateRequest request, PipelineRunner runner, String progressKey)
      throws IOException {
    FlinkPipelineOptions options = runner.options("alexnet-evaluate");
    FileSystems.setDefaultPipelineOptions(options);
    OneDnn.enable();
    EvalViews crops = request.settings().crops();
    int batch = request.settings().batch();
    ModelRef ref = request.model();
    Dataset dataset = Dataset.open(request.dataset());
    TrainedModel model = ref.describe(); // the workers load the weights
    model.checkFits(dataset);
    Manifest.Split validation = dataset.split(Dataset.VALIDATION);
    StorageUri out = StorageUri.parse(request.output());
    LOG.info("evaluating {} ({} {}, {} inputs, {} crop{}) on {} validation images of {}", ref.uri(), model.arch().id(),
        model.shape().text(), model.normalization(), model.cropSize(), crops == EvalViews.TEN ? "s x 10" : "",
        validation.images(), dataset.manifest().id());

    EvalSummary.Settings settings = new EvalSummary.Settings(dataset.root().text(), dataset.manifest().id(), ref.uri(),
        ref.sha256(), model.arch().id(), model.shape().text(), model.normalization(), model.cropSize(),
        crops.name().toLowerCase(java.util.Locale.ROOT), batch, Instant.now().toString());

    options.setObjectReuse(true); // no DoFn here modifies its input
    options.setFasterCopy(true);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("ValidationShards", Create.of(validation.shards()).withCoder(SerializableCoder.of(Manifest.Shard.class)))
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("Score", ParDo.of(new ScoreShardsFn(request.dataset(), ref, crops, batch, progressKey)))
        .setCoder(SerializableCoder.of(Prediction.class))
        .apply("Count", Combine.globally(new EvalCombineFn(model.shape().classes())))
        .setCoder(SerializableCoder.of(EvalCounts.class))
        .apply("WriteReport", ParDo.of(new WriteReportFn(request.dataset(), request.output(), settings,
            System.currentTimeMillis())));
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IOException("the evaluation pipeline ended in state " + state);
    }
    String report = out.resolve(EvalReport.JSON);
    return EvalSummary.read(Storage.readAll(report), report);
  }
}
