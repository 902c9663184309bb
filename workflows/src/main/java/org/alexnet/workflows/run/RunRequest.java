package org.alexnet.workflows.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import org.alexnet.pipelines.prepare.PrepareInputs;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.storage.Sha256;
import org.alexnet.storage.StorageUri;
import org.alexnet.trainer.TrainSettings;

/**
 * One end-to-end run: a dataset (prepared from archives into {@code work}/dataset, or one prepared
 * before), the training recipe, the evaluation's settings, and the folder the run's files go to.
 *
 * @param prepare the preparation, or null when {@code dataset} names a prepared dataset
 * @param dataset a prepared dataset, or null when {@code prepare} makes one
 * @param work a local folder or {@code s3://} prefix: dataset/ and runs/RUN/ (checkpoints/, evaluation/, run.json)
 */
public record RunRequest(PrepareRequest prepare, String dataset, TrainSettings train, EvaluateSettings evaluate,
    String work, RunTuning tuning) {
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  public RunRequest {
    if ((prepare == null) == (dataset == null)) {
      throw new IllegalArgumentException("give the archives to prepare (--train-tar/--val-tar...) or --dataset URI, "
          + "not both");
    }
    if (prepare != null) {
      train.requireCropFits("the dataset to prepare", prepare.settings().size());
    }
    work = StorageUri.parse(work).text();
    dataset = dataset == null ? null : StorageUri.parse(dataset).text();
  }

  /** A run that prepares its dataset from {@code inputs} into {@code work}/dataset. */
  public static RunRequest preparing(PrepareInputs inputs, PrepareSettings settings, TrainSettings train,
      EvaluateSettings evaluate, String work, RunTuning tuning) {
    PrepareRequest prepare = new PrepareRequest(inputs, RunLayout.datasetIn(work), settings, false);
    return new RunRequest(prepare, null, train, evaluate, work, tuning);
  }

  /** A run on a dataset prepared before. */
  public static RunRequest onDataset(String dataset, TrainSettings train, EvaluateSettings evaluate, String work,
      RunTuning tuning) {
    return new RunRequest(null, dataset, train, evaluate, work, tuning);
  }

  /**
   * The run's workflow id: a hash of everything that decides its results, so that the same command
   * finds the same run again (on the same server, or from storage on a new one). Tuning is left out.
   */
  public String workflowId() {
    ObjectNode identity = CANONICAL.valueToTree(this);
    identity.remove("tuning");
    try {
      byte[] canonical = CANONICAL.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8);
      return "alexnet-run-" + Sha256.hex(canonical).substring(0, 16);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a run request that does not serialise: " + e.getMessage(), e);
    }
  }
}
