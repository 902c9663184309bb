package org.alexnet.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import org.alexnet.pipelines.prepare.PrepareInputs;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.alexnet.storage.StorageConfig;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.workflows.run.RunClient;
import org.alexnet.workflows.run.RunRequest;
import org.alexnet.workflows.run.RunTuning;
import org.alexnet.workflows.temporal.EmbeddedTemporal;
import org.alexnet.workflows.temporal.StageActivities;
import org.alexnet.workflows.temporal.TemporalConnection;
import org.alexnet.workflows.temporal.TemporalTarget;
import org.alexnet.workflows.temporal.Workers;

/**
 * The embedded Temporal server (Temporal's test server on loopback), a client and workers of both
 * queues in this JVM, with the real stages on the embedded Flink; small runs to drive through them.
 */
public final class TemporalHarness implements AutoCloseable {
  /** Two workers on the embedded Flink. */
  static final PipelineRunner FLINK = PipelineRunner.local(2, StorageConfig.defaults());
  /** A narrow AlexNet on 64-pixel crops: seconds an epoch here. */
  public static final TrainSettings TINY = TrainSettings.builder().widths("8,16,24,16,16/32").cropSize(64).batchSize(4)
      .epochs(2).build();
  static final PrepareSettings SIZE_72 = new PrepareSettings(72, PrepareSettings.DEFAULTS.crop(),
      PrepareSettings.DEFAULTS.encoding(), 90, 0, 0, 0, PrepareSettings.DEFAULTS.maxPixels(),
      PrepareSettings.DEFAULTS.maxFileBytes());
  static final RunTuning TUNING = new RunTuning(2, 5, 4, 0);

  private final EmbeddedTemporal server;
  private final TemporalConnection connection;
  private final WorkerFactory workers;
  final WorkflowClient client;

  private TemporalHarness(StageActivities activities) throws IOException {
    server = EmbeddedTemporal.start(0);
    TemporalTarget target = new TemporalTarget(server.target(), "default", null);
    connection = target.connect();
    client = connection.client();
    workers = Workers.start(client, Set.of(TaskQueues.PIPELINES, TaskQueues.TRAINING), activities, 1);
  }

  public static TemporalHarness start() throws IOException {
    return new TemporalHarness(StageActivities.real(FLINK));
  }

  static TemporalHarness start(StageActivities activities) throws IOException {
    return new TemporalHarness(activities);
  }

  public RunClient runs() {
    return new RunClient(client);
  }

  /** Where the server listens, for the command line's --temporal. */
  public String address() {
    return server.target();
  }

  /** Three classes of 12 training and 4 validation images, at ILSVRC's sizes. */
  public static SampleSummary sample(Path dir) throws IOException {
    return new SampleGenerator(new SampleSpec(3, 12, 4, 0, false, true), n -> { }).write(dir);
  }

  public static RunRequest request(SampleSummary sample, Path work, TrainSettings train) {
    PrepareInputs inputs = new PrepareInputs(sample.trainTar().toString(), sample.valTar().toString(),
        sample.devkit().toString(), null, null);
    return RunRequest.preparing(inputs, SIZE_72, train, EvaluateSettings.DEFAULTS, work.toString(), TUNING);
  }

  @Override
  public void close() {
    workers.shutdownNow();
    workers.awaitTermination(10, TimeUnit.SECONDS);
    connection.close();
    server.close();
  }
}
