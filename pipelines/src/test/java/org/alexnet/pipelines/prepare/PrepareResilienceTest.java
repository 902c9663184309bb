package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.alexnet.storage.Storage;
import org.alexnet.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, and S3 in and out. (Archives built to attack the reader: workflows' HostileInputTest.) */
class PrepareResilienceTest {
  static final SampleSpec SPEC = new SampleSpec(4, 40, 10, 3, false, false);
  /** 64-pixel images in 4 train and 2 validation shards. */
  static final PrepareSettings SHARDED = PrepareRuns.settings(64, 4, 2);

  @TempDir Path dir;

  /**
   * A run killed while it writes shards leaves no manifest; the next run replaces its files and ends
   * with the same bytes as a run that was never interrupted.
   */
  @Test
  void aKilledRunRerunGivesTheSameBytes() throws Exception {
    SampleSummary sample = PrepareRuns.sample(dir.resolve("sample"), SPEC);
    Path clean = dir.resolve("clean");
    PrepareRuns.run(request(sample, clean), "clean");

    Path crashed = dir.resolve("crashed");
    Process process = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        PrepareRuns.Main.class.getName(), sample.trainTar().toString(), sample.valTar().toString(),
        sample.devkit().toString(), crashed.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("crashed.log").toFile()).start();
    boolean sawShard = waitForShard(crashed, process);
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(sawShard).as("the killed run got as far as writing shards").isTrue();
    assertThat(crashed.resolve(Manifest.FILE_NAME)).as("an unfinished dataset never looks complete").doesNotExist();

    PreparePipeline.Outcome rerun = PrepareRuns.run(request(sample, crashed), "rerun");
    assertThat(rerun.alreadyComplete()).isFalse();
    assertThat(PrepareRuns.files(crashed)).containsExactlyInAnyOrderEntriesOf(PrepareRuns.files(clean));
    assertThat(rerun.id()).isEqualTo(Dataset.open(clean.toString()).manifest().id());
  }

  @Test
  void readsAndWritesS3() throws Exception {
    SampleSummary sample = PrepareRuns.sample(dir.resolve("sample"), SPEC);
    Path local = dir.resolve("local");
    PrepareRuns.run(request(sample, local), "local");
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("imagenet");
      Storage.configure(s3.config());
      for (Path archive : List.of(sample.trainTar(), sample.valTar(), sample.devkit())) {
        try (OutputStream out = Storage.create("s3://imagenet/raw/" + archive.getFileName())) {
          Files.copy(archive, out);
        }
      }
      PrepareInputs onS3 = new PrepareInputs("s3://imagenet/raw/" + sample.trainTar().getFileName(),
          "s3://imagenet/raw/" + sample.valTar().getFileName(), "s3://imagenet/raw/" + sample.devkit().getFileName(), null, null);
      PrepareRequest request = new PrepareRequest(onS3, "s3://imagenet/prepared/64", SHARDED, false);
      PreparePipeline.Outcome outcome = PreparePipeline.run(request, PrepareRuns.flink(s3.config()), "s3");

      Manifest m = outcome.dataset().manifest();
      assertThat(m.id()).isEqualTo(Dataset.open(local.toString()).manifest().id());
      for (Manifest.Shard shard : m.splits().get(Dataset.TRAIN).shards()) {
        assertThat(Storage.readAll("s3://imagenet/prepared/64/" + shard.path()))
            .isEqualTo(Files.readAllBytes(local.resolve(shard.path())));
      }
    }
  }

  private static PrepareRequest request(SampleSummary sample, Path out) {
    return new PrepareRequest(PrepareRuns.inputs(sample), out.toString(), SHARDED, false);
  }

  private static boolean waitForShard(Path output, Process process) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (Files.isDirectory(output)) {
        try (var files = Files.list(output)) {
          if (files.anyMatch(f -> f.getFileName().toString().startsWith("train-"))) {
            return true;
          }
        }
      }
      Thread.sleep(20);
    }
    return false;
  }
}
