package org.alexnet.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.alexnet.distributed.LocalServices.FlinkJob;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.workflows.CheckpointArrays;
import org.alexnet.workflows.run.RunView;
import org.alexnet.workflows.temporal.TemporalConnection;
import org.alexnet.workflows.temporal.TemporalTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same run on real services, each its own process on loopback (infra/local: s3proxy, the Temporal
 * development server, a Flink session cluster, workers), against the same run on the embedded
 * defaults; then one fault at a time, each ending with the embedded run's bytes. The Temporal
 * restart comes last: it forgets every run before it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_ID = Pattern.compile("Run (alexnet-run-[0-9a-f]{16}) started");
  private static final Pattern RESUMED = Pattern.compile("resumed from \\S*checkpoint-(\\d{9})\\.zip");
  private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
  /** 400 training images in 100 batches an epoch; a checkpoint every 20 steps; a silent worker is replaced after 10 s. */
  private static final List<String> SETTINGS = List.of("--size", "72", "--widths", "8,16,24,16,16/32", "--crop-size",
      "64", "-b", "4", "--epochs", "2", "-j", "2", "--checkpoint-every", "20", "--heartbeat-timeout", "10");
  private static final int TOTAL_STEPS = 200;
  /** The dataset of the first distributed run, which the runs after it train on. */
  private static final List<String> ON_DATASET = List.of("--dataset", "s3://" + LocalServices.BUCKET + "/full/dataset");
  private static final String CHECKPOINT_BEFORE_THE_FAULT = "checkpoint-000000040.zip";

  private static final Path DIR = LocalServices.ROOT.resolve("workflows/target/distributed-it");
  private static LocalServices services;
  private static Path sample;
  private static Reference embedded;
  private static final Set<String> workflowIds = new LinkedHashSet<>();

  /** What a run produced that another must match: the dataset's folder and the run's own; what it printed. */
  private record Reference(Path dataset, Path run, String output) {}

  @BeforeAll
  static void servicesAndTheEmbeddedRun() throws Exception {
    deleteTree(DIR);
    services = LocalServices.start(DIR.resolve("services"));
    sample = DIR.resolve("sample");
    AlexnetProcess.run(Map.of(), DIR.resolve("make-sample.log"), RUN_LIMIT, List.of("make-sample", "--out",
        sample.toString(), "--classes", "10", "--train-per-class", "40", "--val-per-class", "10", "--subset-devkit"));
    Path work = DIR.resolve("embedded");
    String out = AlexnetProcess.run(Map.of(), DIR.resolve("embedded.log"), RUN_LIMIT, runArgs(archives(), work.toString()));
    embedded = new Reference(work.resolve("dataset"), work.resolve("runs").resolve(runId(out)), out);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (services != null) {
      services.close();
    }
  }

  @Test
  @Order(1)
  void everyListenerOfTheServicesIsOnLoopback() throws Exception {
    Map<String, Long> pids = services.pids();
    assertThat(pids.keySet()).contains("s3", "temporal", "flink-jm", "flink-tm", "worker-pipelines", "worker-training");
    List<ListeningSockets.Listener> listeners = ListeningSockets.of(pids.values());
    assertThat(listeners).as("the S3, Temporal and Flink ports at least").hasSizeGreaterThanOrEqualTo(5);
    assertThat(listeners).allSatisfy(l -> assertThat(l.loopback()).as(l + " listens on loopback only").isTrue());
  }

  /** prepare and evaluate on the Flink cluster, data on s3://, each stage on a worker process: the embedded run's bytes. */
  @Test
  @Order(2)
  void aDistributedRunEqualsTheEmbeddedRun() throws Exception {
    int jobsBefore = services.flinkJobs().size();
    Reference distributed = distributedRun("full", archives());
    assertSameDataset(distributed.dataset());
    assertSameModelAndEvaluation(distributed.run());
    List<FlinkJob> jobs = services.flinkJobs();
    assertThat(jobs.subList(0, jobs.size() - jobsBefore)).as("the pipelines ran on the cluster")
        .extracting(FlinkJob::name, FlinkJob::state)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("alexnet-prepare", "FINISHED"),
            org.assertj.core.groups.Tuple.tuple("alexnet-evaluate", "FINISHED"));
  }

  /** Lost: the prepare job the TaskManager was running. The activity retries once the TaskManager is back. */
  @Test
  @Order(3)
  void theTaskManagerKilledDuringPrepare() throws Exception {
    // The first shard on S3: its tasks surely run (a job holding slots may not have deployed them, and loses nothing then).
    Path dataset = services.s3("s3://" + LocalServices.BUCKET + "/taskmanager-killed/dataset");
    Reference r = faultyRun("taskmanager-killed", archives(), run -> {
      assertThat(run.await(() -> shardWritten(dataset), RUN_LIMIT)).as("a shard was written").isTrue();
      services.signal("flink-tm", "KILL");
      Thread.sleep(3_000);
      services.up("flink-tm");
    });
    assertSameDataset(r.dataset());
    assertThat(stageAttempts(r.run(), "prepare")).as("the killed attempt and its retry").isGreaterThanOrEqualTo(2);
    assertThat(services.flinkJobs()).extracting(FlinkJob::state).contains("FAILED");
    lost("TaskManager killed during prepare", "the failed prepare job; the retry's dataset is byte-identical");
  }

  /**
   * Lost: the prepare job writing the shards when S3 went away, and what it had written. No manifest
   * is written until every shard is, so nothing reads the partial dataset; the retry rewrites it whole.
   */
  @Test
  @Order(4)
  void theS3ServerKilledDuringShardWrites() throws Exception {
    String work = "s3://" + LocalServices.BUCKET + "/s3-killed";
    Path dataset = services.s3(work + "/dataset");
    Reference r = faultyRun("s3-killed", archives(), run -> {
      assertThat(run.await(() -> shardWritten(dataset), RUN_LIMIT)).as("a shard was written").isTrue();
      services.signal("s3", "KILL");
      assertThat(dataset.resolve("manifest.json")).as("no manifest while shards are missing").doesNotExist();
      Thread.sleep(3_000);
      services.up("s3");
    });
    assertSameDataset(r.dataset());
    assertThat(stageAttempts(r.run(), "prepare")).isGreaterThanOrEqualTo(2);
    lost("S3 killed during shard writes", "the prepare job and its partial shards, never committed; the retry's "
        + "dataset is byte-identical");
  }

  /** Lost: the steps after the checkpoint the retry resumes from. */
  @Test
  @Order(5)
  void aTrainingWorkerKilledMidEpochIsReplaced() throws Exception {
    Reference r = faultyRun("training-worker-killed", ON_DATASET, run -> {
      services.signal(awaitTrainingPastACheckpoint(run), "KILL");
      services.up("worker-training-2");
    });
    int resumedFrom = resumedStep(r.output());
    assertThat(resumedFrom).as("the retry resumes from the checkpoint before the kill, not from the start")
        .isBetween(40, TOTAL_STEPS - 1);
    assertSameModelAndEvaluation(r.run());
    lost("training worker killed", "the steps after step " + resumedFrom + ", trained again; the final model is "
        + "bit-identical");
  }

  /**
   * A worker paused past its heartbeat timeout (SIGSTOP) while its retry runs on another, then resumed
   * (SIGCONT): it learns from its next heartbeat that its attempt is over and stops; once the retry has
   * claimed the checkpoint folder, what it writes is fenced off. Lost: the steps after the checkpoint
   * the retry resumed from.
   */
  @Test
  @Order(6)
  void aPausedTrainingWorkerCorruptsNothing() throws Exception {
    String[] paused = new String[1];
    Reference r = faultyRun("training-worker-paused", ON_DATASET, run -> {
      paused[0] = awaitTrainingPastACheckpoint(run);
      services.signal(paused[0], "STOP");
      services.up("worker-training-3");
      assertThat(run.await(() -> trainingHeldBy("worker-training-3"), RUN_LIMIT))
          .as("the retry runs on the new worker").isTrue();
      services.signal(paused[0], "CONT");
    });
    assertSameModelAndEvaluation(r.run());
    for (Path c : checkpoints(r.run())) {
      assertThat(Checkpoints.readState(c.toString())).as(c + " reads back whole").isNotNull();
    }
    assertThat(services.pids()).as("the paused worker lives on").containsKey(paused[0]);
    lost("training worker paused past its heartbeat timeout", "the steps after step "
        + resumedStep(r.output())
        + " (the paused worker trains on for a few steps after SIGCONT until its heartbeat is refused; checkpoints it"
        + " writes before the retry claims the folder are states of the same training, and after that the fence"
        + " refuses them), trained again; the final model is bit-identical");
  }

  /** Lost: the evaluation attempt of the killed worker; the new worker scores the same checkpoint again. */
  @Test
  @Order(7)
  void aPipelinesWorkerKilledDuringEvaluate() throws Exception {
    Reference r = faultyRun("pipelines-worker-killed", ON_DATASET, run -> {
      assertThat(run.await(() -> jobRunning("alexnet-evaluate"), RUN_LIMIT)).as("an evaluate job ran").isTrue();
      services.signal("worker-pipelines", "KILL");
      services.up("worker-pipelines-2");
    });
    assertSameModelAndEvaluation(r.run());
    assertThat(stageAttempts(r.run(), "evaluate")).isGreaterThanOrEqualTo(2);
    lost("pipelines worker killed during evaluate", "the first evaluation attempt; the counts are the same");
  }

  /** Credentials reach each process through its environment only: no log, object, record or history holds the secret. */
  @Test
  @Order(8)
  void theSecretKeyIsNowhereButInTheEnvironment() throws Exception {
    String secret = services.secretKey();
    assertThat(secret).hasSizeGreaterThan(20);
    List<Path> searched = new ArrayList<>();
    for (Path root : List.of(services.logs(), services.s3Folder(), DIR)) {
      try (var files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(DIR.resolve("services"))
            || f.startsWith(services.logs()) || f.startsWith(services.s3Folder())).toList()) {
          searched.add(f);
          assertThat(containsSecret(f, secret)).as(f + " holds the secret").isFalse();
        }
      }
    }
    assertThat(searched).as("logs, shards, manifests, checkpoints, run.json files")
        .anyMatch(f -> f.endsWith("run.json")).anyMatch(f -> f.endsWith("manifest.json"))
        .anyMatch(f -> f.getFileName().toString().startsWith("checkpoint-"))
        .anyMatch(f -> f.getFileName().toString().equals("worker-training.log"));
    for (FlinkJob job : services.flinkJobs()) {
      assertThat(services.flinkRest("/jobs/" + job.id() + "/config").toString()).as("job " + job.name() + "'s options")
          .doesNotContain(secret);
    }
    assertThat(services.flinkRest("/jobmanager/config").toString()).doesNotContain(secret);
    try (TemporalConnection temporal = new TemporalTarget(services.temporalAddress(), "default", null).connect()) {
      Set<String> histories = new LinkedHashSet<>(workflowIds);
      for (String id : workflowIds) {
        for (HistoryEvent e : temporal.client().fetchHistory(id).getHistory().getEventsList()) {
          if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
            histories.add(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
          }
        }
      }
      assertThat(histories).hasSizeGreaterThan(workflowIds.size()); // the preparations' child workflows too
      for (String id : histories) {
        byte[] history = temporal.client().fetchHistory(id).getHistory().toByteArray();
        assertThat(new String(history, StandardCharsets.ISO_8859_1)).as(id + "'s history").doesNotContain(secret);
      }
    }
  }

  /**
   * The development server keeps runs in memory only. Restarted mid-training, it has forgotten the
   * run; the same command starts it again, and it resumes from storage. Lost: the steps after the
   * newest checkpoint the trainer wrote before it learnt that its attempt was gone.
   */
  @Test
  @Order(9)
  void theTemporalServerRestartedMidRun() throws Exception {
    List<String> args = runArgs(ON_DATASET, "s3://" + LocalServices.BUCKET + "/temporal-restarted");
    try (AlexnetProcess run = AlexnetProcess.start(services.clientEnvironment(), DIR.resolve("temporal-1.log"), args)) {
      awaitTrainingPastACheckpoint(run);
      services.signal("temporal", "KILL");
      assertThat(run.waitFor(Duration.ofMinutes(2))).as("the client loses its server").isNotZero();
    }
    services.up("temporal");
    String again = AlexnetProcess.run(services.clientEnvironment(), DIR.resolve("temporal-2.log"), RUN_LIMIT, args);
    assertThat(again).contains("this run stopped before", "resuming from storage", "completed");
    assertSameModelAndEvaluation(services.s3("s3://" + LocalServices.BUCKET + "/temporal-restarted/runs/" + runId(again)));
    int from = again.contains("resumed from") ? resumedStep(again) : 0;
    lost("Temporal server restarted", "the server's record of the run; " + (from == TOTAL_STEPS
        ? "no steps (the trainer trains on through a server outage, and finished before the server was back)"
        : "the steps after step " + from + ", trained again") + "; the final model is bit-identical");
  }

  // --- runs --------------------------------------------------------------------------------------

  private interface Fault {
    void inject(AlexnetProcess run) throws Exception;
  }

  private static Reference distributedRun(String name, List<String> inputs) throws Exception {
    return faultyRun(name, inputs, run -> {});
  }

  /** A distributed run under s3://alexnet/NAME with a fault injected while it runs; it must still complete. */
  private static Reference faultyRun(String name, List<String> inputs, Fault fault) throws Exception {
    String work = "s3://" + LocalServices.BUCKET + "/" + name;
    try (AlexnetProcess run = AlexnetProcess.start(services.clientEnvironment(), DIR.resolve(name + ".log"),
        runArgs(inputs, work))) {
      fault.inject(run);
      int code = run.waitFor(RUN_LIMIT);
      assertThat(code).as(run.output()).isZero();
      String id = runId(run.output());
      workflowIds.add(id);
      return new Reference(services.s3(work + "/dataset"), services.s3(work + "/runs/" + id), run.output());
    }
  }

  private static List<String> runArgs(List<String> inputs, String work) {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(inputs);
    args.addAll(List.of("--work", work));
    args.addAll(SETTINGS);
    if (work.startsWith("s3://")) {
      args.addAll(List.of("--temporal", services.temporalAddress()));
    }
    return args;
  }

  private static List<String> archives() {
    return List.of("--train-tar", sample.resolve("ILSVRC2012_img_train.tar").toString(), "--val-tar",
        sample.resolve("ILSVRC2012_img_val.tar").toString(), "--devkit",
        sample.resolve("ILSVRC2012_devkit_t12.tar.gz").toString());
  }

  /** What a fault cost, in the test's output. */
  private static void lost(String fault, String what) {
    System.out.println(fault + ": lost " + what);
  }

  private static String runId(String output) {
    Matcher m = RUN_ID.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  /** The step of the checkpoint a retry resumed from. */
  private static int resumedStep(String output) {
    Matcher m = RESUMED.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Integer.parseInt(m.group(1));
  }

  /**
   * Waits until the trainer wrote its step-40 checkpoint (mid-epoch 1), and returns the worker service
   * that trains: found first, so that the fault follows the checkpoint within a few steps.
   */
  private static String awaitTrainingPastACheckpoint(AlexnetProcess run) throws Exception {
    String[] worker = new String[1];
    assertThat(run.await(() -> (worker[0] = trainingWorker()) != null, RUN_LIMIT)).as("training started").isTrue();
    String id = runId(run.output());
    Path folder = services.s3Folder().resolve(LocalServices.BUCKET);
    assertThat(run.await(() -> findFile(folder, id, CHECKPOINT_BEFORE_THE_FAULT), RUN_LIMIT))
        .as("training wrote " + CHECKPOINT_BEFORE_THE_FAULT).isTrue();
    return worker[0];
  }

  private static boolean findFile(Path bucket, String runId, String name) {
    try (var works = Files.list(bucket)) {
      return works.anyMatch(w -> Files.exists(w.resolve("runs").resolve(runId).resolve("checkpoints").resolve(name)));
    } catch (IOException e) {
      return false;
    }
  }

  /** The service of the worker that holds the run's training activity now, or null. */
  private static String trainingWorker() {
    try (TemporalConnection temporal = new TemporalTarget(services.temporalAddress(), "default", null).connect()) {
      for (String id : temporal.runs().openRuns()) {
        for (RunView.Activity a : temporal.runs().view(id).activities()) {
          if (a.type().equals("Train") && a.started() && !a.worker().isEmpty()) {
            return services.serviceOf(Long.parseLong(a.worker().split("@")[0])).orElse(null);
          }
        }
      }
      return null;
    } catch (IOException | RuntimeException notYet) {
      return null;
    }
  }

  private static boolean trainingHeldBy(String service) {
    return service.equals(trainingWorker());
  }

  private static boolean jobRunning(String name) {
    try {
      return services.flinkJobs().stream().anyMatch(j -> j.name().equals(name) && j.state().equals("RUNNING"));
    } catch (IOException | InterruptedException notYet) {
      return false;
    }
  }

  private static boolean shardWritten(Path dataset) {
    try (var files = Files.list(dataset)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("train-"));
    } catch (IOException notYet) {
      return false;
    }
  }

  private static int stageAttempts(Path run, String stage) throws IOException {
    for (JsonNode s : JSON.readTree(run.resolve("run.json").toFile()).get("stages")) {
      if (s.get("name").asText().equals(stage)) {
        return s.get("attempts").asInt();
      }
    }
    throw new AssertionError("no stage " + stage + " in " + run.resolve("run.json"));
  }

  // --- comparisons -------------------------------------------------------------------------------

  /** The same manifest (id, shards with their sha256s, mean, classes), shards whose bytes hash to it, the same mean.npy. */
  private static void assertSameDataset(Path dataset) throws Exception {
    JsonNode expected = JSON.readTree(embedded.dataset().resolve("manifest.json").toFile());
    JsonNode actual = JSON.readTree(dataset.resolve("manifest.json").toFile());
    for (String field : List.of("id", "splits", "mean", "classes", "quarantine", "settings")) {
      assertThat(actual.get(field)).as("manifest " + field).isEqualTo(expected.get(field));
    }
    for (JsonNode split : actual.get("splits")) {
      for (JsonNode shard : split.get("shards")) {
        assertThat(sha256(dataset.resolve(shard.get("path").asText()))).as(shard.get("path").asText())
            .isEqualTo(shard.get("sha256").asText());
      }
    }
    assertThat(Files.readAllBytes(dataset.resolve("mean.npy"))).isEqualTo(
        Files.readAllBytes(embedded.dataset().resolve("mean.npy")));
  }

  /** The same best and last checkpoints, bit for bit (parameters and momentum), and the same evaluation counts. */
  private static void assertSameModelAndEvaluation(Path run) throws Exception {
    Path expectedCheckpoints = embedded.run().resolve("checkpoints");
    Path checkpoints = run.resolve("checkpoints");
    assertThat(CheckpointArrays.of(checkpoints.resolve("model_best.zip"))).as("the best model, bit for bit")
        .containsExactlyEntriesOf(CheckpointArrays.of(expectedCheckpoints.resolve("model_best.zip")));
    Path newest = CheckpointArrays.newest(checkpoints);
    assertThat(newest.getFileName()).isEqualTo(CheckpointArrays.newest(expectedCheckpoints).getFileName());
    assertThat(CheckpointArrays.of(newest)).as("the last checkpoint, bit for bit")
        .containsExactlyEntriesOf(CheckpointArrays.of(CheckpointArrays.newest(expectedCheckpoints)));
    JsonNode expected = JSON.readTree(embedded.run().resolve("evaluation/eval.json").toFile());
    JsonNode actual = JSON.readTree(run.resolve("evaluation/eval.json").toFile());
    for (String count : List.of("images", "top1_correct", "top5_correct")) {
      assertThat(actual.get(count)).as(count).isEqualTo(expected.get(count));
    }
  }

  private static List<Path> checkpoints(Path run) throws IOException {
    try (var files = Files.list(run.resolve("checkpoints"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".zip")).sorted().toList();
    }
  }

  /** Whether a file, or any entry of it when it is a zip (a checkpoint), holds the text. */
  private static boolean containsSecret(Path file, String secret) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (new String(bytes, StandardCharsets.ISO_8859_1).contains(secret)) {
      return true;
    }
    if (bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K') {
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
        for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
          if (new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1).contains(secret)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }
}
