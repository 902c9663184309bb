package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.alexnet.storage.Storage;
import org.alexnet.testing.S3TestServer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, S3 in and out, and archives built to attack the reader. */
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

  @Test
  void hostileEntriesAreQuarantinedAndNothingLeavesTheOutput() throws Exception {
    Path train = dir.resolve("hostile_train.tar");
    byte[] jpeg = Files.readAllBytes(Path.of(getClass().getResource("/images/pillow-src__hopper.jpg").toURI()));
    try (TarArchiveOutputStream outer = new TarArchiveOutputStream(Files.newOutputStream(train))) {
      outer.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      add(outer, "n01440764.tar", classTar(jpeg));
      add(outer, "../n01443537.tar", classTar(jpeg));
      add(outer, "README.txt", "not a class".getBytes());
      add(outer, "n99999999.tar", classTar(jpeg));
    }
    Path val = dir.resolve("val");
    Files.createDirectories(val);
    Files.write(val.resolve("ILSVRC2012_val_00000001.JPEG"), jpeg);
    Files.write(val.resolve("unlabelled.JPEG"), jpeg);
    Path labels = dir.resolve("labels.tsv");
    Files.writeString(labels, "# file\twnid\nILSVRC2012_val_00000001.JPEG\tn01440764\n");

    PrepareRequest o = new PrepareRequest(new PrepareInputs(train.toString(), val.toString(), null, labels.toString(), null),
        dir.resolve("out").toString(), SHARDED, false);
    PreparePipeline.Outcome outcome = PrepareRuns.run(o, "hostile");
    Manifest m = outcome.dataset().manifest();

    // without a devkit the class tars are the classes, n99999999 among them: its image is written too
    assertThat(m.classNames()).containsExactly("n01440764", "n99999999");
    assertThat(m.splits().get(Dataset.TRAIN).images()).isEqualTo(2);
    assertThat(m.splits().get(Dataset.VALIDATION).images()).isEqualTo(1);
    List<String> reasons = new ArrayList<>();
    m.quarantine().forEach(q -> reasons.add(q.reason().code() + " " + q.file()));
    assertThat(reasons).containsExactlyInAnyOrder(
        "hostile-name hostile_train.tar/../n01443537.tar",
        "not-an-image hostile_train.tar/README.txt",
        "hostile-name hostile_train.tar/n01440764.tar//etc/passwd",
        "hostile-name hostile_train.tar/n01440764.tar/../../escape.JPEG",
        "hostile-name hostile_train.tar/n01440764.tar/link.JPEG",
        "hostile-name hostile_train.tar/n01440764.tar/null.JPEG",
        "duplicate hostile_train.tar/n01440764.tar/n01440764_1.JPEG",
        "duplicate hostile_train.tar/n99999999.tar/n01440764_1.JPEG",
        "hostile-name hostile_train.tar/n99999999.tar//etc/passwd",
        "hostile-name hostile_train.tar/n99999999.tar/../../escape.JPEG",
        "hostile-name hostile_train.tar/n99999999.tar/link.JPEG",
        "hostile-name hostile_train.tar/n99999999.tar/null.JPEG",
        "unknown-class " + val + "/unlabelled.JPEG");
    assertThat(m.quarantine()).filteredOn(q -> q.reason() == QuarantineReason.HOSTILE_NAME)
        .allSatisfy(q -> assertThat(q.detail()).isNotBlank());
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("hostile_train.tar", "val", "labels.tsv", "out");
    }
    assertThat(Path.of("/etc/passwd")).isReadable();
  }

  /** A class tar with one good image, the same name again, and the entries an attacker would try. */
  private static byte[] classTar(byte[] jpeg) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      add(tar, "n01440764_1.JPEG", jpeg);
      add(tar, "n01440764_1.JPEG", jpeg);
      add(tar, "/etc/passwd", jpeg);
      add(tar, "../../escape.JPEG", jpeg);
      TarArchiveEntry link = new TarArchiveEntry("link.JPEG", TarConstants.LF_SYMLINK);
      link.setLinkName("/etc/shadow");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
      tar.putArchiveEntry(new TarArchiveEntry("null.JPEG", TarConstants.LF_CHR));
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
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
