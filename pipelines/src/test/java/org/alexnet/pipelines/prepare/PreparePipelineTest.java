package org.alexnet.pipelines.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.ilsvrc.SynsetTable;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.manifest.QuarantineReason;
import org.alexnet.dataset.npy.NpyArray;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.sample.EdgeCase;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole prepare pipeline on the embedded Flink, on make-sample archives with every edge case. */
class PreparePipelineTest {
  static final SampleSpec SPEC = new SampleSpec(3, 8, 3, 11, true, false);
  /**
   * The id prepare gives this sample at 64 pixels: it may change only with what decides the bytes.
   * Class sets (08588fd) kept it; the decode route through FFmpeg changed it from ilsvrc2012-f682340af530ad05.
   */
  static final String SAMPLE_ID = "ilsvrc2012-7d35b533d81c7b74";

  @TempDir static Path dir;
  static SampleSummary sample;
  static PreparePipeline.Outcome outcome;
  static Path out;

  @BeforeAll
  static void prepare() throws IOException {
    sample = PrepareRuns.sample(dir.resolve("sample"), SPEC);
    out = dir.resolve("dataset");
    outcome = PrepareRuns.run(PrepareRuns.request(sample, out.toString()), "test");
  }

  @Test
  void everyInputIsWrittenOrQuarantinedWithItsReason() {
    Manifest m = outcome.dataset().manifest();
    assertThat(outcome.alreadyComplete()).isFalse();
    Map<String, QuarantineReason> quarantined = m.quarantine().stream()
        .collect(Collectors.toMap(q -> q.file().substring(q.file().indexOf('/') + 1), Manifest.Quarantined::reason));
    Map<String, QuarantineReason> expected = new HashMap<>();
    sample.edgeCases().forEach((file, kind) -> {
      if (kind.expectedReason() != null) {
        expected.put(file, kind.expectedReason());
      }
    });
    assertThat(quarantined).isEqualTo(expected);
    long good = EdgeCase.values().length - expected.size();
    assertThat(m.splits().get(Dataset.TRAIN).images()).isEqualTo(SPEC.classes() * SPEC.trainPerClass() + good);
    assertThat(m.inputs().get(Dataset.TRAIN).files()).isEqualTo(sample.trainImages());
    assertThat(m.splits().get(Dataset.VALIDATION).images()).isEqualTo(SPEC.classes() * SPEC.valPerClass());
  }

  @Test
  void labelsFollowTheClassTarsAndTheDevkitGroundTruth() throws IOException {
    SynsetTable synsets = SynsetTable.bundled();
    for (ImageRecord r : records(Dataset.VALIDATION)) {
      int number = Integer.parseInt(r.filename().replaceAll("\\D", "").substring(4));
      String wnid = sample.validationWnids().get(number - 1);
      assertThat(r.synset()).as(r.filename()).isEqualTo(wnid);
      assertThat(r.label()).isEqualTo(synsets.label(wnid).orElseThrow());
    }
    for (ImageRecord r : records(Dataset.TRAIN)) {
      assertThat(r.filename()).startsWith(r.synset() + "_");
      assertThat(synsets.byLabel(r.label()).wnid()).isEqualTo(r.synset());
      assertThat(r.text()).isEqualTo(synsets.byLabel(r.label()).words());
      assertThat(r.width()).isEqualTo(64);
      assertThat(r.encoded()).hasSize(64 * 64 * 3);
    }
  }

  @Test
  void shardsAreEvenChecksummedAndShuffled() throws IOException {
    Manifest.Split train = outcome.dataset().split(Dataset.TRAIN);
    assertThat(train.shards()).hasSize(1); // 31 images: "auto" keeps >= 100 images a shard
    Manifest.Split val = outcome.dataset().split(Dataset.VALIDATION);
    for (Manifest.Shard s : val.shards()) {
      byte[] bytes = Files.readAllBytes(out.resolve(s.path()));
      assertThat(s.bytes()).isEqualTo(bytes.length);
      assertThat(s.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
          sha256(bytes)));
    }
    List<String> order = records(Dataset.TRAIN).stream().map(ImageRecord::filename).toList();
    assertThat(order).isNotEqualTo(order.stream().sorted().toList());
  }

  /** The stored mean image is exactly the mean of the stored training pixels. */
  @Test
  void meanImageIsTheExactTrainingMean() throws IOException {
    List<ImageRecord> train = records(Dataset.TRAIN);
    double[] sums = new double[64 * 64 * 3];
    for (ImageRecord r : train) {
      for (int i = 0; i < sums.length; i++) {
        sums[i] += r.encoded()[i] & 0xff;
      }
    }
    NpyArray mean = outcome.dataset().meanImage();
    assertThat(mean.shape()).containsExactly(64, 64, 3);
    for (int i = 0; i < sums.length; i++) {
      assertThat((double) mean.data()[i]).isCloseTo(sums[i] / train.size(), org.assertj.core.data.Offset.offset(1e-3));
    }
    Manifest.MeanStats stats = outcome.dataset().manifest().mean();
    assertThat(stats.images()).isEqualTo(train.size());
    assertThat(stats.rgbCovariance()[0][0]).isCloseTo(stats.channelStd()[0] * stats.channelStd()[0],
        org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aSecondRunDoesNothing() throws IOException {
    Map<String, byte[]> before = PrepareRuns.files(out);
    PreparePipeline.Outcome again = PrepareRuns.run(PrepareRuns.request(sample, out.toString()), "again");
    assertThat(again.alreadyComplete()).isTrue();
    assertThat(again.id()).isEqualTo(outcome.id());
    assertThat(PrepareRuns.files(out)).containsExactlyInAnyOrderEntriesOf(before);
  }

  @Test
  void otherSettingsOnACommittedDatasetNeedOverwrite() {
    PrepareRequest other = new PrepareRequest(PrepareRuns.inputs(sample), out.toString(), PrepareRuns.settings(48, 0, 0), false);
    assertThatThrownBy(() -> PrepareRuns.run(other, "other"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--overwrite");
  }

  static List<ImageRecord> records(String split) throws IOException {
    List<ImageRecord> records = new ArrayList<>();
    for (Manifest.Shard s : outcome.dataset().split(split).shards()) {
      try (InputStream in = Files.newInputStream(out.resolve(s.path()));
           TfRecordReader reader = new TfRecordReader(in, s.path())) {
        for (byte[] r = reader.next(); r != null; r = reader.next()) {
          records.add(ExampleCodec.decode(r));
        }
      }
    }
    return records;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
