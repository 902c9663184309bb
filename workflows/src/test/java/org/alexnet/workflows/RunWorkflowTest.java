package org.alexnet.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.alexnet.sample.SampleSummary;
import org.alexnet.storage.Sha256;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.workflows.run.RunActivitiesImpl;
import org.alexnet.workflows.run.RunClient;
import org.alexnet.workflows.run.RunRecord;
import org.alexnet.workflows.run.RunRequest;
import org.alexnet.workflows.run.RunResult;
import org.alexnet.workflows.run.RunTuning;
import org.alexnet.workflows.run.RunView;
import org.alexnet.workflows.run.StageRecord;
import org.alexnet.workflows.temporal.StageActivities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end workflow on Temporal's test server (on loopback), with the real stages on small data. */
class RunWorkflowTest {
  @TempDir static Path dir;
  static SampleSummary sample;
  /** An uninterrupted run, the reference for the others. */
  static RunRequest reference;
  static RunResult referenceResult;

  @BeforeAll
  static void referenceRun() throws Exception {
    sample = TemporalHarness.sample(dir.resolve("sample"));
    reference = TemporalHarness.request(sample, dir.resolve("reference"), TemporalHarness.TINY);
    try (TemporalHarness temporal = TemporalHarness.start()) {
      assertThat(temporal.runs().startOrAttach(reference)).isEqualTo(RunClient.Start.STARTED);
      referenceResult = temporal.runs().result(reference.workflowId());
    }
  }

  @Test
  void runJsonRecordsTheLineage() throws Exception {
    RunRecord record = RunActivitiesImpl.read(referenceResult.record());
    assertThat(record.status()).isEqualTo("completed");
    assertThat(record.workflowId()).isEqualTo(reference.workflowId());
    assertThat(record.temporalRunId()).isNotBlank();
    assertThat(record.request()).isEqualTo(reference);
    assertThat(record.dataset().id()).isEqualTo(referenceResult.datasetId()).startsWith("ilsvrc2012-");
    assertThat(record.training().bestSha256()).isEqualTo(Sha256.ofFile(referenceResult.checkpoint()));
    assertThat(record.evaluation().images()).isEqualTo(12);
    assertThat(record.evaluation().modelSha256()).isEqualTo(record.training().bestSha256());
    assertThat(record.recordedBy()).contains("sha256:");
    assertThat(record.stages()).extracting(StageRecord::name).containsExactly("prepare", "train", "evaluate");
    assertThat(record.stages()).allSatisfy(s -> {
      assertThat(s.status()).isEqualTo("done");
      assertThat(s.attempts()).isEqualTo(1);
      assertThat(s.seconds()).isPositive();
      assertThat(s.code()).isEqualTo(record.recordedBy());
    });
    assertThat(Path.of(referenceResult.curves())).exists();
    assertThat(Path.of(referenceResult.report()).resolveSibling("per_class.png")).exists();
  }

  /** A failure in each stage is retried; training resumes mid-epoch and ends bit-identical to the reference. */
  @Test
  void aFailureInEachStageIsRetriedAndTheRunCompletes() throws Exception {
    RunRequest request = TemporalHarness.request(sample, dir.resolve("faulty"), TemporalHarness.TINY);
    StageActivities real = StageActivities.real(TemporalHarness.FLINK);
    StageActivities faulty = real.withPrepare(FaultyStages.prepareFailingOnce(real.prepare()))
        .withTrain(FaultyStages.trainFailingOnceAt(6)).withEvaluate(FaultyStages.evaluateFailingOnce(real.evaluate()));
    RunResult result;
    try (TemporalHarness temporal = TemporalHarness.start(faulty)) {
      temporal.runs().startOrAttach(request);
      result = temporal.runs().result(request.workflowId());
    }
    RunRecord record = RunActivitiesImpl.read(result.record());
    assertThat(record.stages()).allSatisfy(s -> assertThat(s.attempts()).as(s.name()).isEqualTo(2));
    assertThat(record.training().resumedFrom()).as("the retry resumed mid-epoch from the step-4 checkpoint")
        .endsWith("checkpoint-000000004.zip");
    assertThat(result.datasetId()).isEqualTo(referenceResult.datasetId());
    assertThat(result.images()).isEqualTo(referenceResult.images());
    assertThat(record.evaluation().top1Correct()).isEqualTo(evaluation(referenceResult).top1Correct());
    assertThat(record.evaluation().top5Correct()).isEqualTo(evaluation(referenceResult).top5Correct());
    Path checkpoints = Path.of(result.checkpoint()).getParent();
    Path referenceCheckpoints = Path.of(referenceResult.checkpoint()).getParent();
    assertThat(CheckpointArrays.newest(checkpoints).getFileName()).isEqualTo(
        CheckpointArrays.newest(referenceCheckpoints).getFileName());
    assertThat(CheckpointArrays.of(CheckpointArrays.newest(checkpoints)))
        .as("final parameters and momentum, bit for bit")
        .containsExactlyEntriesOf(CheckpointArrays.of(CheckpointArrays.newest(referenceCheckpoints)));
  }

  @Test
  void badInputFailsAtOnceWithTheReason() throws Exception {
    RunRequest missing = RunRequest.preparing(new org.alexnet.pipelines.prepare.PrepareInputs(
            dir.resolve("no-such.tar").toString(), null, null, null, null), TemporalHarness.SIZE_72, TemporalHarness.TINY,
        reference.evaluate(), dir.resolve("missing").toString(), TemporalHarness.TUNING);
    TrainSettings diverging = TemporalHarness.TINY.toBuilder().lr(1e9).build();
    RunRequest exploding = RunRequest.onDataset(referenceResult.dataset(), diverging, reference.evaluate(),
        dir.resolve("exploding").toString(), TemporalHarness.TUNING);
    try (TemporalHarness temporal = TemporalHarness.start()) {
      long start = System.nanoTime();
      temporal.runs().startOrAttach(missing);
      assertThatThrownBy(() -> temporal.runs().result(missing.workflowId())).isInstanceOf(WorkflowFailedException.class)
          .rootCause().hasMessageContaining("prepare: ").hasMessageContaining("no-such.tar does not exist");
      temporal.runs().startOrAttach(exploding);
      assertThatThrownBy(() -> temporal.runs().result(exploding.workflowId()))
          .rootCause().hasMessageContaining("train: the loss became").hasMessageContaining("try a lower --lr");
      assertThat((System.nanoTime() - start) / 1e9).as("no retry waited its 5 s backoff").isLessThan(30);
    }
    RunRecord failed = RunActivitiesImpl.read(dir.resolve("exploding/runs/" + exploding.workflowId() + "/run.json")
        .toString());
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error()).startsWith("train: the loss became");
    assertThat(failed.stages().get(1).attempts()).isEqualTo(1);
  }

  /** Another learning rate in the same work folder trains anew on the dataset the first run prepared. */
  @Test
  void aSecondRunWithOtherTrainingSettingsReusesTheDataset() throws Exception {
    Path manifest = Path.of(referenceResult.dataset(), "manifest.json");
    FileTime committed = Files.getLastModifiedTime(manifest);
    RunRequest other = TemporalHarness.request(sample, dir.resolve("reference"), TemporalHarness.TINY.toBuilder()
        .lr(0.02).epochs(1).build());
    assertThat(other.workflowId()).isNotEqualTo(reference.workflowId());
    try (TemporalHarness temporal = TemporalHarness.start()) {
      temporal.runs().startOrAttach(other);
      RunResult result = temporal.runs().result(other.workflowId());
      assertThat(result.datasetId()).isEqualTo(referenceResult.datasetId());
      assertThat(result.checkpoint()).isNotEqualTo(referenceResult.checkpoint());
    }
    assertThat(RunActivitiesImpl.read(dir.resolve("reference/runs/" + other.workflowId() + "/run.json").toString())
        .stages().get(0).status()).isEqualTo("skipped");
    assertThat(Files.getLastModifiedTime(manifest)).as("the dataset was not prepared again").isEqualTo(committed);
  }

  /** Two runs started together that need the same dataset share one preparation: the second waits and reuses it. */
  @Test
  void runsThatNeedTheSameDatasetShareOnePreparation() throws Exception {
    RunRequest first = TemporalHarness.request(sample, dir.resolve("shared"), TemporalHarness.TINY.toBuilder().epochs(1)
        .build());
    RunRequest second = TemporalHarness.request(sample, dir.resolve("shared"), TemporalHarness.TINY.toBuilder().epochs(1)
        .lr(0.02).build());
    try (TemporalHarness temporal = TemporalHarness.start()) {
      temporal.runs().startOrAttach(first);
      temporal.runs().startOrAttach(second);
      assertThat(temporal.runs().result(first.workflowId()).datasetId())
          .isEqualTo(temporal.runs().result(second.workflowId()).datasetId());
      java.util.List<String> events = new java.util.ArrayList<>();
      events.addAll(temporal.runs().query(first.workflowId()).orElseThrow().events());
      events.addAll(temporal.runs().query(second.workflowId()).orElseThrow().events());
      assertThat(events).filteredOn(e -> e.startsWith("prepare: prepared dataset")).hasSize(1);
      assertThat(events).filteredOn(e -> e.startsWith("prepare: reused committed dataset")).hasSize(1);
      assertThat(events).anyMatch(e -> e.contains("is being prepared by another run") && e.contains("waiting to reuse it"));
    }
  }

  /** On a new server (the embedded one keeps nothing), the finished run returns its result from storage at once. */
  @Test
  void aFinishedRunStartedAgainReturnsWithoutRecomputing() throws Exception {
    Path best = Path.of(referenceResult.checkpoint());
    FileTime trained = Files.getLastModifiedTime(best);
    try (TemporalHarness temporal = TemporalHarness.start()) {
      long start = System.nanoTime();
      assertThat(temporal.runs().startOrAttach(reference)).isEqualTo(RunClient.Start.STARTED);
      assertThat(temporal.runs().result(reference.workflowId())).isEqualTo(referenceResult);
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
      assertThat(temporal.runs().query(reference.workflowId()).orElseThrow().events())
          .anyMatch(e -> e.startsWith("this run finished before"));
      assertThat(temporal.runs().startOrAttach(reference)).as("the same server attaches to the finished run")
          .isEqualTo(RunClient.Start.ATTACHED_FINISHED);
    }
    assertThat(Files.getLastModifiedTime(best)).isEqualTo(trained);
  }

  /** Cancelling a run mid-training checkpoints where it stands first, then ends it as cancelled. */
  @Test
  void cancelCheckpointsFirst() throws Exception {
    RunRequest longRun = RunRequest.onDataset(referenceResult.dataset(), TemporalHarness.TINY.toBuilder().epochs(100)
        .build(), reference.evaluate(), dir.resolve("cancelled").toString(), new RunTuning(2, 5, 0, 0));
    try (TemporalHarness temporal = TemporalHarness.start()) {
      temporal.runs().startOrAttach(longRun);
      awaitStep(temporal.runs(), longRun.workflowId(), 3);
      temporal.runs().cancel(longRun.workflowId());
      assertThatThrownBy(() -> temporal.runs().result(longRun.workflowId())).isInstanceOf(WorkflowFailedException.class)
          .cause().isInstanceOf(io.temporal.failure.CanceledFailure.class);
    }
    Path runDir = dir.resolve("cancelled/runs/" + longRun.workflowId());
    CheckpointState last = Checkpoints.readState(CheckpointArrays.newest(runDir.resolve("checkpoints")).toString());
    assertThat(last.batchInEpoch()).as("a checkpoint of where the cancel found it, not of an epoch's end").isPositive();
    RunRecord record = RunActivitiesImpl.read(runDir.resolve("run.json").toString());
    assertThat(record.status()).isEqualTo("cancelled");
    assertThat(record.stages().get(1).status()).isEqualTo("cancelled");
  }

  private static void awaitStep(RunClient runs, String workflowId, long step) throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      RunView view = runs.view(workflowId);
      boolean there = view.activities().stream().anyMatch(a -> a.progress() != null && a.progress().training() != null
          && a.progress().training().step() >= step);
      if (there) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("training never reached step " + step);
  }

  private static org.alexnet.workflows.evaluate.EvaluateOutcome evaluation(RunResult result) throws Exception {
    return RunActivitiesImpl.read(result.record()).evaluation();
  }
}
