package org.alexnet.pipelines.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.storage.Storage;
import org.alexnet.testing.S3TestServer;
import org.alexnet.testing.TinyDataset;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.storage.Sha256;
import org.alexnet.storage.StorageConfig;
import org.alexnet.trainer.TrainRequest;
import org.alexnet.trainer.TrainSettings;
import org.alexnet.trainer.TrainingSetup;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.trainer.loop.EvalResult;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.alexnet.trainer.optim.TorchSgd;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation pipeline on the embedded Flink, against the trainer's own -e on the same checkpoint. */
class EvaluatePipelineTest {
  private static final String WIDTHS = "8,16,24,16,16/32";
  /** 63: the smallest input torchvision's AlexNet takes, and one where adaptive pooling does work. */
  private static final int CROP = 63;
  private static final EvaluateSettings SMALL_BATCHES = new EvaluateSettings(EvalViews.CENTER, 16);
  @TempDir static Path dir;
  static String dataset;
  static Manifest manifest;
  static String checkpoint;

  @BeforeAll
  static void datasetAndCheckpoint() throws IOException {
    dataset = dir.resolve("dataset").toString();
    manifest = TinyDataset.write(dataset, 8, 40, 3, 68);
    checkpoint = dir.resolve("model.zip").toString();
    save(checkpoint, new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 1000), manifest.id());
  }

  @Test
  void countsEqualTheTrainersEvaluateMode() throws IOException {
    // batches of 4 over shards of 14, 13 and 13 images: full batches (through the two reused input arrays,
    // in turn), batches that span a shard's end, and each worker's last, smaller one
    EvalSummary report = run(request(checkpoint, EvalViews.CENTER, 4, dir.resolve("center")));
    TrainSettings settings = TrainSettings.builder().widths(WIDTHS).cropSize(CROP).batchSize(16).build();
    TrainRequest evaluateOnly = TrainRequest.builder(settings).dataset(dataset).resume(checkpoint).evaluateOnly(true)
        .workers(2).build();
    EvalResult trainer = TrainingSetup.create(evaluateOnly, line -> { }).run();
    assertThat(report.images()).isEqualTo(40);
    assertThat(trainer.images()).isEqualTo(40);
    assertThat(report.top1Correct()).isEqualTo(trainer.top1());
    assertThat(report.top5Correct()).isEqualTo(trainer.top5());
    assertThat(report.crops()).isEqualTo("center");
    assertThat(report.datasetId()).isEqualTo(manifest.id());
    assertThat(report.modelSha256()).isEqualTo(Sha256.ofFile(checkpoint));
    assertThat(report.normalization()).isEqualTo("mean-image/std");
    assertThat(report.mostConfused()).isNotNull();

    Path out = dir.resolve("center");
    assertThat(Files.readAllLines(out.resolve(EvalReport.PREDICTIONS))).hasSize(40)
        .allMatch(line -> line.split(" ").length == 5);
    run(request(checkpoint, EvalViews.CENTER, 16, dir.resolve("center16")));
    assertThat(Files.readString(dir.resolve("center16").resolve(EvalReport.PREDICTIONS)))
        .as("the same predictions in batches of 16")
        .isEqualTo(Files.readString(out.resolve(EvalReport.PREDICTIONS)));
    assertThat(Files.readAllLines(out.resolve(EvalReport.PER_CLASS))).hasSize(41);
    assertThat(ImageIO.read(out.resolve(EvalReport.PLOT).toFile()).getWidth()).isEqualTo(960);
  }

  @Test
  void tenCropsAreAnotherTest() throws IOException {
    EvalSummary center = run(request(checkpoint, EvalViews.CENTER, 16, dir.resolve("c")));
    EvalSummary ten = run(request(checkpoint, EvalViews.TEN, 16, dir.resolve("t")));
    assertThat(ten.crops()).isEqualTo("ten");
    assertThat(ten.images()).isEqualTo(40);
    assertThat(Files.readString(dir.resolve("t").resolve(EvalReport.PREDICTIONS)))
        .isNotEqualTo(Files.readString(dir.resolve("c").resolve(EvalReport.PREDICTIONS)));
    assertThat(center.images()).isEqualTo(40);
  }

  @Test
  void refusesAModelThatDoesNotFitTheDataset() throws IOException {
    String sevenClasses = dir.resolve("seven.zip").toString();
    save(sevenClasses, new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 7), manifest.id());
    assertThatThrownBy(() -> run(request(sevenClasses, EvalViews.CENTER, 16, dir.resolve("x"))))
        .hasMessageContaining("has 7 classes, the dataset").hasMessageContaining("has 1000");

    String otherData = dir.resolve("other.zip").toString();
    save(otherData, new AlexNetShape(new int[] {8, 16, 24, 16, 16}, 32, 1000), "ilsvrc2012-0123456789abcdef");
    assertThatThrownBy(() -> run(request(otherData, EvalViews.CENTER, 16, dir.resolve("y"))))
        .hasMessageContaining("trained on mean-image/std inputs of dataset ilsvrc2012-0123456789abcdef");

    EvaluateRequest noDataset = new EvaluateRequest(dir.resolve("nothing-here").toString(), ModelRef.checkpoint(checkpoint),
        SMALL_BATCHES, dir.resolve("z").toString());
    assertThatThrownBy(() -> run(noDataset)).isInstanceOf(IOException.class)
        .hasMessageContaining("nothing-here");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  /** torchvision weights evaluate with torchvision's normalization, recorded in the report. */
  @Test
  void torchvisionWeightsBringTheirOwnNormalization() throws IOException {
    Path weights = dir.resolve("alexnet_small_1000.pth");
    try (var in = EvaluatePipelineTest.class.getResourceAsStream("/torch/alexnet_small_1000.pth")) {
      Files.copy(in, weights);
    }
    ModelRef torchvision = new ModelRef(null, weights.toString());
    EvaluateRequest tooSmall = new EvaluateRequest(dataset, torchvision, SMALL_BATCHES, dir.resolve("p1").toString());
    assertThatThrownBy(() -> run(tooSmall)).hasMessageContaining("takes 224x224 inputs")
        .hasMessageContaining("--size 224");

    String large = dir.resolve("dataset-224").toString();
    TinyDataset.write(large, 2, 12, 2, 224);
    EvalSummary report = run(new EvaluateRequest(large, torchvision, SMALL_BATCHES, dir.resolve("p2").toString()));
    assertThat(report.normalization()).isEqualTo("torchvision");
    assertThat(report.images()).isEqualTo(12);
    assertThat(report.cropSize()).isEqualTo(224);
    assertThat(report.model()).isEqualTo(weights.toString());
  }

  /** Dataset, checkpoint and report on S3 (an S3-compatible server in-process): the same results. */
  @Test
  void readsAndWritesS3() throws Exception {
    Path localReport = dir.resolve("local-report");
    EvalSummary local = run(request(checkpoint, EvalViews.CENTER, 16, localReport));
    try (S3TestServer s3 = new S3TestServer()) {
      s3.createBucket("models");
      Storage.configure(s3.config());
      TinyDataset.write("s3://models/tiny", 8, 40, 3, 68);
      try (OutputStream out = Storage.create("s3://models/model.zip")) {
        Files.copy(Path.of(checkpoint), out);
      }
      EvaluateRequest onS3 = new EvaluateRequest("s3://models/tiny", ModelRef.checkpoint("s3://models/model.zip"),
          SMALL_BATCHES, "s3://models/report");
      EvalSummary remote = EvaluatePipeline.run(onS3, PipelineRunner.local(2, s3.config()), "s3");
      assertThat(remote.top1Correct()).isEqualTo(local.top1Correct());
      assertThat(remote.top5Correct()).isEqualTo(local.top5Correct());
      assertThat(Storage.readAll("s3://models/report/" + EvalReport.PREDICTIONS))
          .isEqualTo(Files.readAllBytes(localReport.resolve(EvalReport.PREDICTIONS)));
    }
  }

  private static void save(String uri, AlexNetShape shape, String datasetId) throws IOException {
    MultiLayerNetwork net = Arch.ALEXNET.build(shape, CROP, 5, new TorchSgd(0.01, 0.9), 0);
    Checkpoints.save(uri, net, new CheckpointState(CheckpointState.FORMAT_VERSION, 1, 0, 1, 0, "alexnet", shape.text(),
        "mean-image/std", datasetId, 0, Map.of("crop_size", Integer.toString(CROP)), null));
  }

  private static EvaluateRequest request(String checkpoint, EvalViews crops, int batch, Path out) {
    return new EvaluateRequest(dataset, ModelRef.checkpoint(checkpoint), new EvaluateSettings(crops, batch), out.toString());
  }

  /** On the embedded Flink with two workers. */
  private static EvalSummary run(EvaluateRequest request) throws IOException {
    return EvaluatePipeline.run(request, PipelineRunner.local(2, StorageConfig.defaults()), "test");
  }
}
