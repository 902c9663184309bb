package org.alexnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alexnet.sample.SampleSummary;
import org.alexnet.workflows.CheckpointArrays;
import org.alexnet.workflows.TemporalHarness;
import org.alexnet.workflows.temporal.EmbeddedTemporal;
import org.alexnet.workflows.run.RunRequest;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** alexnet run, status and cancel through the command line, against the stages run by hand. */
class RunCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RUN_ID = Pattern.compile("Run (alexnet-run-[0-9a-f]{16}) completed");
  private static final String[] MODEL = {"--size", "72", "--widths", "8,16,24,16,16/32", "--crop-size", "64", "-b", "4",
      "--epochs", "2", "-j", "2", "--parallelism", "2"};

  @TempDir static Path dir;
  static SampleSummary sample;
  static Path work;
  static String runId;

  @BeforeAll
  static void runOnce() throws Exception {
    sample = TemporalHarness.sample(dir.resolve("sample"));
    work = dir.resolve("work");
    CliRun run = CliRun.of(concat(new String[] {"run", "--train-tar", sample.trainTar().toString(), "--val-tar",
        sample.valTar().toString(), "--devkit", sample.devkit().toString(), "--work", work.toString()}, MODEL));
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher id = RUN_ID.matcher(run.out());
    assertThat(id.find()).as(run.out()).isTrue();
    runId = id.group(1);
    assertThat(run.out()).contains("prepare: prepared dataset", "train: 2 epochs", "evaluate: 12 images",
        "model:", "curves:", "report:", "lineage:");
  }

  /** The workflow gives what prepare, train and evaluate give when run one after the other by hand. */
  @Test
  void endToEndEqualsTheStagesRunByHand() throws Exception {
    Path byHand = dir.resolve("by-hand");
    String dataset = byHand.resolve("dataset").toString();
    CliRun prepared = CliRun.of(concat(new String[] {"prepare", "--train-tar", sample.trainTar().toString(), "--val-tar",
        sample.valTar().toString(), "--devkit", sample.devkit().toString(), "--out", dataset}, prepareFlags()));
    assertThat(prepared.exitCode()).as(prepared.err()).isZero();
    String checkpoints = byHand.resolve("checkpoints").toString();
    CliRun trained = CliRun.of(concat(new String[] {"train", dataset, "--checkpoint-dir", checkpoints}, trainFlags()));
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    String report = byHand.resolve("evaluation").toString();
    CliRun evaluated = CliRun.of("evaluate", "--dataset", dataset, "--checkpoint", checkpoints + "/model_best.zip", "--out",
        report, "--parallelism", "2");
    assertThat(evaluated.exitCode()).as(evaluated.err()).isZero();

    Path runDir = work.resolve("runs").resolve(runId);
    assertThat(manifestId(work.resolve("dataset"))).isEqualTo(manifestId(Path.of(dataset)));
    JsonNode workflow = JSON.readTree(runDir.resolve("evaluation/eval.json").toFile());
    JsonNode stages = JSON.readTree(Path.of(report, "eval.json").toFile());
    for (String count : List.of("images", "top1_correct", "top5_correct")) {
      assertThat(workflow.get(count)).as(count).isEqualTo(stages.get(count));
    }
    assertThat(CheckpointArrays.of(runDir.resolve("checkpoints/model_best.zip")))
        .as("the same best model, bit for bit")
        .containsExactlyEntriesOf(CheckpointArrays.of(Path.of(checkpoints, "model_best.zip")));
  }

  /**
   * The whole process killed with SIGKILL in the middle of training, and the same command run again:
   * the run resumes from its checkpoint and ends bit-identical to a run never interrupted.
   */
  @Test
  void aRunKilledMidTrainingResumesBitIdentical() throws Exception {
    String dataset = work.resolve("dataset").toString();
    String[] command = concat(new String[] {"run", "--dataset", dataset, "--checkpoint-every", "3"},
        withEpochs(MODEL, "4"));
    Path whole = dir.resolve("whole");
    CliRun uninterrupted = CliRun.of(concat(command, new String[] {"--work", whole.toString()}));
    assertThat(uninterrupted.exitCode()).as(uninterrupted.err()).isZero();

    Path killed = dir.resolve("killed");
    String[] killedCommand = concat(command, new String[] {"--work", killed.toString()});
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AlexNetCommand.class.getName()));
    java.addAll(List.of(killedCommand));
    Process child = new ProcessBuilder(java).redirectErrorStream(true)
        .redirectOutput(dir.resolve("killed.log").toFile()).start();
    Path checkpoints = runDir(killed, killedCommand).resolve("checkpoints");
    boolean midTraining = awaitCheckpoint(checkpoints, "checkpoint-000000012.zip", child);
    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
    assertThat(midTraining).as("the child got past step 12 of 36 before it was killed: " + Files.readString(
        dir.resolve("killed.log"))).isTrue();
    assertThat(Files.readString(runDir(killed, killedCommand).resolve("run.json"))).doesNotContain("\"completed\"");

    CliRun again = CliRun.of(killedCommand);
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("this run stopped before", "resuming from storage", "resumed from",
        "checkpoint-000000012.zip");
    Path newest = CheckpointArrays.newest(checkpoints);
    Path reference = CheckpointArrays.newest(runDir(whole, concat(command,
        new String[] {"--work", whole.toString()})).resolve("checkpoints"));
    assertThat(newest.getFileName()).isEqualTo(reference.getFileName());
    assertThat(CheckpointArrays.of(newest)).as("final parameters and momentum, bit for bit")
        .containsExactlyEntriesOf(CheckpointArrays.of(reference));
  }

  /** Ctrl-C (SIGINT, or the SIGTERM a service manager sends) stops an embedded run after a checkpoint of where it is. */
  @Test
  void ctrlCStopsAnEmbeddedRunAfterACheckpoint() throws Exception {
    Path stopped = dir.resolve("stopped");
    String[] command = concat(new String[] {"run", "--dataset", work.resolve("dataset").toString(), "--work",
        stopped.toString()}, withEpochs(MODEL, "200"));
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AlexNetCommand.class.getName()));
    java.addAll(List.of(command));
    Path log = dir.resolve("stopped.log");
    Process child = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Path checkpoints = runDir(stopped, command).resolve("checkpoints");
    assertThat(awaitCheckpoint(checkpoints, "checkpoint-000000018.zip", child)).as(Files.readString(log)).isTrue();
    child.destroy(); // SIGTERM: the JVM runs the same shutdown hook as for Ctrl-C
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).contains("Stopping run", "training writes a checkpoint first", "Stopped.");
    CheckpointState last = Checkpoints.readState(CheckpointArrays.newest(checkpoints).toString());
    assertThat(last.batchInEpoch()).as("a checkpoint of the step it stopped at, not of an epoch's end").isPositive();
  }

  /** A run on a server of its own with the workers in another process: alexnet worker and run --temporal. */
  @Test
  void aWorkerProcessRunsTheStagesOfARemoteRun() throws Exception {
    try (EmbeddedTemporal server = EmbeddedTemporal.start(0)) {
      List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), AlexNetCommand.class.getName(), "worker", "--temporal",
          server.target(), "--parallelism", "2"));
      Path log = dir.resolve("worker.log");
      Process worker = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        CliRun run = CliRun.of(concat(new String[] {"run", "--dataset", work.resolve("dataset").toString(), "--work",
            dir.resolve("remote").toString(), "--temporal", server.target()}, MODEL));
        assertThat(run.exitCode()).as(run.err() + Files.readString(log)).isZero();
        assertThat(run.out()).contains("started on " + server.target(), "status: alexnet status", "--temporal "
            + server.target(), "evaluate: 12 images", "completed");
      } finally {
        worker.destroy();
        assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Files.readString(log)).contains("Worker for pipelines and training on " + server.target(),
          "Stopping the worker");
    }
  }

  /** status shows where a live run stands; cancel stops it after a checkpoint. */
  @Test
  void statusAndCancelReachALiveRun() throws Exception {
    try (TemporalHarness temporal = TemporalHarness.start()) {
      RunRequest longRun = RunRequest.onDataset(work.resolve("dataset").toString(),
          TemporalHarness.TINY.toBuilder().epochs(200).build(),
          org.alexnet.pipelines.evaluate.EvaluateSettings.DEFAULTS, dir.resolve("live").toString(),
          new org.alexnet.workflows.run.RunTuning(2, 5, 0, 0));
      temporal.runs().startOrAttach(longRun);
      String id = longRun.workflowId();
      CliRun status = awaitStatus(temporal.address(), id, "epoch ");
      assertThat(status.out()).contains("Run " + id + ": running, stage train", "prepare", "skipped",
          "in flight: Train, attempt 1, running on worker ", "latest checkpoint");
      CliRun listed = CliRun.of("status", "--temporal", temporal.address());
      assertThat(listed.out()).contains(id);

      CliRun cancel = CliRun.of("cancel", id, "--temporal", temporal.address());
      assertThat(cancel.exitCode()).as(cancel.err()).isZero();
      assertThat(cancel.out()).contains("Run " + id + " is cancelled");
      assertThat(CliRun.of("status", id, "--temporal", temporal.address()).out()).contains("cancelled");
    }
  }

  @Test
  void explainsWhatItCannotDo() {
    assertThat(CliRun.of("run", "--dataset", "d", "--train-tar", "t.tar").err())
        .contains("run: error: give the archives to prepare or --dataset URI, not both");
    assertThat(CliRun.of("run", "--work", dir.toString()).err()).contains("no input images");
    assertThat(CliRun.of("status", "--temporal", "127.0.0.1:1").err())
        .contains("status: error: no Temporal server answers at 127.0.0.1:1");
    assertThat(CliRun.of("cancel", "x", "--temporal", "nowhere").err()).contains("--temporal must be embedded or HOST:PORT");
    assertThat(CliRun.of("worker", "--queues", "gpus", "--temporal", "127.0.0.1:1").err()).contains("error:");
    assertThat(CliRun.of("run", "--dataset", "d", "--lr", "-1").err()).contains("--lr -1 is negative: give --lr 0 or more");
  }

  private static CliRun awaitStatus(String address, String id, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    CliRun status;
    do {
      Thread.sleep(300);
      status = CliRun.of("status", id, "--temporal", address);
    } while (!status.out().contains(text) && System.nanoTime() < deadline);
    return status;
  }

  private static boolean awaitCheckpoint(Path folder, String name, Process child) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && child.isAlive()) {
      if (Files.exists(folder.resolve(name))) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** A run's folder, from the request the command line builds for these flags. */
  private static Path runDir(Path workFolder, String[] command) throws Exception {
    return workFolder.resolve("runs").resolve(runIdOf(command));
  }

  private static String runIdOf(String[] command) {
    picocli.CommandLine cli = AlexNetCommand.commandLine();
    cli.parseArgs(command);
    RunCommand run = cli.getSubcommands().get("run").getCommand();
    return run.request().workflowId();
  }

  private static String manifestId(Path dataset) throws Exception {
    return JSON.readTree(dataset.resolve("manifest.json").toFile()).get("id").asText();
  }

  private static String[] prepareFlags() {
    return new String[] {"--size", "72", "--parallelism", "2"};
  }

  private static String[] trainFlags() {
    return new String[] {"--widths", "8,16,24,16,16/32", "--crop-size", "64", "-b", "4", "--epochs", "2", "-j", "2"};
  }

  private static String[] withEpochs(String[] flags, String epochs) {
    String[] copy = flags.clone();
    for (int i = 0; i < copy.length - 1; i++) {
      if (copy[i].equals("--epochs")) {
        copy[i + 1] = epochs;
      }
    }
    return copy;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
