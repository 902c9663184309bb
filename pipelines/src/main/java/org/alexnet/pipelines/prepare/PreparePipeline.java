package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.ManifestJson;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageUri;
import org.alexnet.storage.StoredObject;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs prepare: indexes the inputs, skips the work when the output already holds this exact
 * dataset, clears what an interrupted run left, then runs {@link PrepareTransforms} and returns the
 * committed dataset.
 */
public final class PreparePipeline {
  private static final Logger LOG = LoggerFactory.getLogger(PreparePipeline.class);
  /** Files a prepare run writes; the only ones it ever deletes. */
  private static final Pattern OWN_FILES = Pattern.compile(
      "(train|validation)-\\d{5}-of-\\d{5}|mean\\.npy|manifest\\.json|.*\\.tmp-\\d+-\\d+");

  /** What a run did: the dataset's id, and whether it was already there. */
  public record Outcome(String id, boolean alreadyComplete, Dataset dataset) {}

  private PreparePipeline() {}

  /**
   * The id the dataset of this request will have: a hash of the inputs' listings and the settings.
   * Reads only the inputs' headers and the labels, as the first step of {@link #run} does.
   */
  public static String datasetId(PrepareRequest request) throws IOException {
    return DatasetId.of(InputIndexer.index(request.inputs()).fingerprint(), request.settings());
  }

  /** @param progressKey names this run's live counters in {@link PrepareProgress} */
  public static Outcome run(PrepareRequest request, PipelineRunner runner, String progressKey) throws IOException {
    FlinkPipelineOptions options = runner.options("alexnet-prepare");
    FileSystems.setDefaultPipelineOptions(options);
    PrepareSettings settings = request.settings();
    StorageUri out = StorageUri.parse(request.output());
    InputIndex index = InputIndexer.index(request.inputs());
    String id = DatasetId.of(index.fingerprint(), settings);

    String manifestUri = out.resolve(Manifest.FILE_NAME);
    if (Storage.exists(manifestUri)) {
      Manifest existing = ManifestJson.read(Storage.readAll(manifestUri), manifestUri);
      if (existing.id().equals(id)) {
        LOG.info("{} already holds dataset {} (same inputs and settings): nothing to do", out, id);
        return new Outcome(id, true, Dataset.open(out.text()));
      }
      if (!request.overwrite()) {
        throw new IllegalArgumentException(String.format("%s holds another dataset (%s, not %s): choose another "
            + "--out, or pass --overwrite to replace it", out, existing.id(), id));
      }
    }
    clearOwnFiles(out);

    LOG.info("preparing dataset {} from {} tasks into {}", id, index.tasks().size(), out);
    // Our DoFns never modify their inputs, so Flink may hand objects along chains without copying them
    // (objectReuse) and without the serialise-and-read-back copy between operators (fasterCopy).
    options.setObjectReuse(true);
    options.setFasterCopy(true);
    Pipeline pipeline = Pipeline.create(options);
    int workers = FlinkRunner.class.isAssignableFrom(options.getRunner()) ? options.getParallelism() : 1;
    PrepareTransforms.build(pipeline, index, settings, workers, out.text(), id, progressKey);
    PrepareProgress.recordTasks(progressKey, index.tasks());
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IOException("the prepare pipeline ended in state " + state + "; the dataset is not committed");
    }
    return new Outcome(id, false, Dataset.open(out.text()));
  }

  /** Removes an interrupted run's files, the manifest first, so nothing half-written looks complete. */
  private static void clearOwnFiles(StorageUri out) throws IOException {
    List<String> own = new ArrayList<>();
    for (StoredObject f : Storage.list(out.text())) {
      String path = f.uri();
      String name = StorageUri.baseName(path);
      String relative = path.substring(out.text().length()).replaceFirst("^/+", "");
      if (relative.equals(name) && OWN_FILES.matcher(name).matches()) {
        own.add(path);
      }
    }
    if (own.isEmpty()) {
      return;
    }
    LOG.info("removing {} files of an earlier, unfinished run in {}", own.size(), out);
    Storage.delete(List.of(out.resolve(Manifest.FILE_NAME)));
    Storage.delete(own);
  }
}
