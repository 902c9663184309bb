package org.alexnet.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.checkpoint.Checkpointing;
import org.alexnet.trainer.checkpoint.CheckpointsTakenOver;
import org.alexnet.trainer.data.DummyData;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.optim.TorchSgd;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static final AlexNetShape TINY = new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 5);
  /** Two epochs of four batches of four dummy images, two validation batches. */
  private static final TrainSettings SETTINGS = TrainSettings.builder().epochs(2).batchSize(4).seed(5).build();

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  @BeforeAll
  static void oneDnn() {
    OneDnn.enable();
  }

  /** Killed during step four and resumed from its step-3 checkpoint, a run ends with the same bits as one never stopped. */
  @Test
  void aResumedRunEndsBitIdenticalToAnUninterruptedOne() throws IOException {
    MultiLayerNetwork whole = run(request("whole", SETTINGS, null, 1), TrainingListener.NONE);

    assertThatThrownBy(() -> run(request("killed", SETTINGS, null, 1), stopAfterStep(3, TrainingListener.Decision.STOP)))
        .isInstanceOf(TrainingStopped.class);
    MultiLayerNetwork resumed = run(request("killed", SETTINGS, "auto", 1), TrainingListener.NONE);

    assertThat(log).anyMatch(l -> l.startsWith("=> resumed from") && l.contains("epoch 0, batch 3, step 3"));
    assertBitIdentical(resumed, whole);
    assertThat(log).anyMatch(l -> l.startsWith("Epoch: [1][   4/4]"));
    assertThat(metricsWithoutTimings("killed")).as("the resumed run's log continues the killed run's")
        .isNotEmpty().isEqualTo(metricsWithoutTimings("whole"));
  }

  /** A stop that asks for a checkpoint gets one of the step it stopped at, and resuming from it loses nothing. */
  @Test
  void aGracefulStopCheckpointsWhereItStands() throws IOException {
    MultiLayerNetwork whole = run(request("whole", SETTINGS, null, 0), TrainingListener.NONE);

    TrainingStopped stopped = catchStop(() -> run(request("stopped", SETTINGS, null, 0),
        stopAfterStep(2, TrainingListener.Decision.CHECKPOINT_AND_STOP)));
    assertThat(stopped.checkpoint()).endsWith("checkpoint-000000003.zip");
    MultiLayerNetwork resumed = run(request("stopped", SETTINGS, "auto", 0), TrainingListener.NONE);
    assertThat(log).anyMatch(l -> l.contains("epoch 0, batch 3, step 3"));
    assertBitIdentical(resumed, whole);
  }

  /** Stopped during validation, the run checkpoints the epoch it trained and resumes straight into validation. */
  @Test
  void aStopDuringValidationKeepsTheEpoch() throws IOException {
    MultiLayerNetwork whole = run(request("whole", SETTINGS, null, 0), TrainingListener.NONE);

    TrainingListener duringValidation = batch -> batch.validation() && batch.epoch() == 0
        ? TrainingListener.Decision.CHECKPOINT_AND_STOP : TrainingListener.Decision.CONTINUE;
    TrainingStopped stopped = catchStop(() -> run(request("stopped", SETTINGS, null, 0), duringValidation));
    assertThat(stopped.checkpoint()).endsWith("checkpoint-000000004.zip");
    MultiLayerNetwork resumed = run(request("stopped", SETTINGS, "auto", 0), TrainingListener.NONE);
    assertThat(log).anyMatch(l -> l.contains("epoch 0, batch 4, step 4"));
    assertBitIdentical(resumed, whole);
    assertThat(metricsWithoutTimings("stopped")).isEqualTo(metricsWithoutTimings("whole"));
  }

  /** A second trainer that claims the folder fences out the first: its next checkpoint is refused. */
  @Test
  void aTrainerThatWasTakenOverWritesNothing() throws IOException {
    TrainRequest first = request("shared", SETTINGS, null, 1);
    TrainingListener takeOverAtStep2 = batch -> {
      if (batch.step() == 2 && !batch.validation()) {
        try {
          new org.alexnet.trainer.checkpoint.CheckpointDir(dir.resolve("shared").toString(), 3).claim();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      return TrainingListener.Decision.CONTINUE;
    };
    assertThatThrownBy(() -> run(first, takeOverAtStep2)).isInstanceOf(CheckpointsTakenOver.class)
        .hasMessageContaining("another training took over");
    try (var files = Files.list(dir.resolve("shared"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")))
          .containsExactly("checkpoint-000000001.zip");
    }
  }

  /** --resume auto skips a newest checkpoint that does not read back whole and says so. */
  @Test
  void aTornNewestCheckpointIsSkipped() throws IOException {
    MultiLayerNetwork whole = run(request("whole", SETTINGS, null, 1), TrainingListener.NONE);
    catchStop(() -> run(request("torn", SETTINGS, null, 1), stopAfterStep(3, TrainingListener.Decision.STOP)));
    Path newest = dir.resolve("torn/checkpoint-000000003.zip");
    byte[] bytes = Files.readAllBytes(newest);
    Files.write(newest, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    MultiLayerNetwork resumed = run(request("torn", SETTINGS, "auto", 1), TrainingListener.NONE);
    assertThat(log).anyMatch(l -> l.contains("checkpoint-000000003.zip does not read back whole"))
        .anyMatch(l -> l.contains("epoch 0, batch 2, step 2"));
    assertBitIdentical(resumed, whole);
  }

  /** Seed 0 is the default: it must be as reproducible as any other (ND4J reads 0 as "use the clock"). */
  @Test
  void seedZeroIsReproducible() throws IOException {
    TrainSettings seedZero = SETTINGS.toBuilder().seed(0).build();
    MultiLayerNetwork first = run(request("a", seedZero, null, 1), TrainingListener.NONE);
    MultiLayerNetwork second = run(request("b", seedZero, null, 1), TrainingListener.NONE);
    assertBitIdentical(second, first);
  }

  /** With a time interval shorter than a step, every step checkpoints; the last two are kept. */
  @Test
  void checkpointsByElapsedTime() throws IOException {
    TrainRequest byTime = TrainRequest.builder(SETTINGS).dummy(true).workers(1).printFreq(2)
        .checkpoints(new Checkpointing(dir.resolve("timed").toString(), 0, 1e-9, 2)).build();
    run(byTime, TrainingListener.NONE);
    try (var files = Files.list(dir.resolve("timed"))) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")))
          .containsExactlyInAnyOrder("checkpoint-000000007.zip", "checkpoint-000000008.zip");
    }
  }

  private List<String> metricsWithoutTimings(String run) throws IOException {
    return Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll("\"images_per_s\":[^,}]*", "")).toList();
  }

  private TrainRequest request(String checkpoints, TrainSettings settings, String resume, int everySteps) {
    return TrainRequest.builder(settings).dummy(true).workers(1).printFreq(2).resume(resume)
        .checkpoints(new Checkpointing(dir.resolve(checkpoints).toString(), everySteps, 0, 2)).build();
  }

  private MultiLayerNetwork run(TrainRequest request, TrainingListener listener) throws IOException {
    TrainSettings s = request.settings();
    MultiLayerNetwork net = Arch.ALEXNET.build(TINY, s.cropSize(), s.seed(), new TorchSgd(s.lr(), s.momentum()),
        s.weightDecay());
    DummyData train = new DummyData(16, 4, s.cropSize(), 5, 5);
    DummyData validation = new DummyData(8, 4, s.cropSize(), 5, 6);
    BatchSource source = BatchSource.of(train::epoch, () -> validation.epoch(0, 0),
        train.batchesPerEpoch(), validation.batchesPerEpoch());
    new Trainer(request, net, source, new RunInfo(TINY.text(), "none", "dummy", null), log::add).listen(listener).run();
    return net;
  }

  /** Answers {@code decision} to the first training batch after step {@code step}. */
  private static TrainingListener stopAfterStep(long step, TrainingListener.Decision decision) {
    return batch -> !batch.validation() && batch.step() > step ? decision : TrainingListener.Decision.CONTINUE;
  }

  private static TrainingStopped catchStop(ThrowingRun run) {
    try {
      run.run();
    } catch (TrainingStopped stopped) {
      return stopped;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new AssertionError("the run was not stopped");
  }

  private interface ThrowingRun {
    void run() throws IOException;
  }

  private static void assertBitIdentical(MultiLayerNetwork actual, MultiLayerNetwork expected) {
    assertThat(actual.params().toFloatVector()).as("parameters").isEqualTo(expected.params().toFloatVector());
    assertThat(actual.getUpdater().getStateViewArray().toFloatVector()).as("momentum")
        .isEqualTo(expected.getUpdater().getStateViewArray().toFloatVector());
  }
}
