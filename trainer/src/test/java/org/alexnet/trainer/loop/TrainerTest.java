package org.alexnet.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.alexnet.trainer.TrainConfig;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.data.DummyData;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.optim.TorchSgd;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
  private static final AlexNetShape TINY = new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 5);

  @TempDir Path dir;

  /** Killed after three steps and resumed from its checkpoint, a run ends with the same bits as one never stopped. */
  @Test
  void aResumedRunEndsBitIdenticalToAnUninterruptedOne() throws IOException {
    OneDnn.enable();
    List<String> log = new ArrayList<>();
    MultiLayerNetwork whole = trainer(dir.resolve("whole"), null, 0, log).runAndReturnNet();

    trainer(dir.resolve("killed"), null, 3, log).runAndReturnNet();
    MultiLayerNetwork resumed = trainer(dir.resolve("killed"), "auto", 0, log).runAndReturnNet();

    assertThat(log).anyMatch(l -> l.startsWith("=> resumed from") && l.contains("epoch 0, batch 3, step 3"));
    assertThat(resumed.params().equals(whole.params())).as("parameters").isTrue();
    assertThat(resumed.getUpdater().getStateViewArray().equals(whole.getUpdater().getStateViewArray()))
        .as("momentum").isTrue();
    assertThat(log).anyMatch(l -> l.startsWith("Epoch: [1][   4/4]"));
    assertThat(metricsWithoutTimings("killed")).as("the resumed run's log continues the killed run's")
        .isNotEmpty().isEqualTo(metricsWithoutTimings("whole"));
  }

  /** Seed 0 is the default: it must be as reproducible as any other (ND4J reads 0 as "use the clock"). */
  @Test
  void seedZeroIsReproducible() throws IOException {
    OneDnn.enable();
    List<String> log = new ArrayList<>();
    MultiLayerNetwork first = trainer(dir.resolve("a"), null, 0, log, 0).runAndReturnNet();
    MultiLayerNetwork second = trainer(dir.resolve("b"), null, 0, log, 0).runAndReturnNet();
    assertThat(second.params().equals(first.params())).isTrue();
  }

  private List<String> metricsWithoutTimings(String run) throws IOException {
    return java.nio.file.Files.readAllLines(dir.resolve(run).resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll("\"images_per_s\":[^,}]*", "")).toList();
  }

  /** With a time interval shorter than a step, every step checkpoints; the last two are kept. */
  @Test
  void checkpointsByElapsedTime(@TempDir Path checkpoints) throws IOException {
    OneDnn.enable();
    TrainConfig config = new TrainConfig(null, "alexnet", 2, -1, 4, 0.01, 0.9, 1e-4, 1, 5, 2, 224, 0,
        LrPolicy.Kind.STEP, checkpoints.toString(), null, false, null, true, 0, 1e-9, 2, 3);
    MultiLayerNetwork net = Arch.ALEXNET.build(TINY, 224, 5, new TorchSgd(config.lr(), config.momentum()), 0);
    DummyData train = new DummyData(16, 4, 224, 5, 5);
    new Trainer(config, net, Trainer.BatchSource.of(train::epoch, java.util.Collections::emptyIterator,
        train.batchesPerEpoch()), new Trainer.RunInfo(TINY.text(), "none", "dummy"), line -> { }).run();
    try (var files = java.nio.file.Files.list(checkpoints)) {
      assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")))
          .containsExactlyInAnyOrder("checkpoint-000000002.zip", "checkpoint-000000003.zip");
    }
  }

  private Run trainer(Path checkpoints, String resume, long stopAfter, List<String> log) {
    return trainer(checkpoints, resume, stopAfter, log, 5);
  }

  private Run trainer(Path checkpoints, String resume, long stopAfter, List<String> log, long seed) {
    TrainConfig config = new TrainConfig(null, "alexnet", 2, -1, 4, 0.01, 0.9, 1e-4, 1, seed, 2, 224, 0,
        LrPolicy.Kind.STEP, checkpoints.toString(), resume, false, null, true, 1, 0, 2, stopAfter);
    MultiLayerNetwork net = Arch.ALEXNET.build(TINY, 224, 5, new TorchSgd(config.lr(), config.momentum()), config.weightDecay());
    DummyData train = new DummyData(16, 4, 224, 5, 5);
    DummyData validation = new DummyData(8, 4, 224, 5, 6);
    Trainer.BatchSource source = Trainer.BatchSource.of(train::epoch, () -> validation.epoch(0, 0),
        train.batchesPerEpoch());
    return new Run(new Trainer(config, net, source, new Trainer.RunInfo(TINY.text(), "none", "dummy"), log::add), net);
  }

  private record Run(Trainer trainer, MultiLayerNetwork net) {
    MultiLayerNetwork runAndReturnNet() throws IOException {
      trainer.run();
      return net;
    }
  }
}
