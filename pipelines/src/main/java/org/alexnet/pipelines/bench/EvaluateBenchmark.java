package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.dataset.record.ExampleCodec;
import org.alexnet.dataset.record.ImageRecord;
import org.alexnet.dataset.tfrecord.TfRecordReader;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.evaluate.EvalViews;
import org.alexnet.pipelines.evaluate.EvalSummary;
import org.alexnet.pipelines.evaluate.EvaluatePipeline;
import org.alexnet.pipelines.evaluate.EvaluateRequest;
import org.alexnet.pipelines.evaluate.EvaluateSettings;
import org.alexnet.pipelines.evaluate.ModelRef;
import org.alexnet.pipelines.prepare.PrepareInputs;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.pipelines.prepare.PrepareSettings;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.alexnet.storage.Storage;
import org.alexnet.storage.StorageConfig;
import org.alexnet.trainer.TrainedModel;
import org.alexnet.trainer.backend.OneDnn;
import org.alexnet.trainer.checkpoint.CheckpointState;
import org.alexnet.trainer.checkpoint.Checkpoints;
import org.alexnet.trainer.data.InputCrops;
import org.alexnet.trainer.data.InputNormalization;
import org.alexnet.trainer.model.AlexNetShape;
import org.alexnet.trainer.model.Arch;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluation benchmark: torchvision's AlexNet (random weights, 1000 classes, 224 centre crops)
 * over a prepared validation split, in-process (forward passes only, inputs built outside the timer)
 * and through the evaluation pipeline on the embedded Flink, at the same batch size on the same cores.
 */
public final class EvaluateBenchmark {
  /** What was measured; the pipeline's overhead is what it loses against the bare forward passes. */
  public record Report(long images, int batch, int parallelism, double inProcessBefore, double inProcessAfter,
      double pipelineEndToEnd, double pipelineScoring) {
    /** The faster of the two anchor runs (before and after the pipeline), so the overhead is not flattered. */
    double inProcess() {
      return Math.max(inProcessBefore, inProcessAfter);
    }

    public void print(PrintStream out) {
      out.printf("evaluate benchmark: torchvision AlexNet, %,d validation images, 224 centre crops, batch %d, %d cores%n",
          images, batch, Runtime.getRuntime().availableProcessors());
      out.printf("  %-62s %7.1f img/s  (%.1f before the pipeline, %.1f after)%n",
          "anchor: the model in-process (forward passes only)", inProcess(), inProcessBefore, inProcessAfter);
      out.printf("  %-62s %7.1f img/s  overhead %4.1f%%%n", "alexnet evaluate, Flink [local] x" + parallelism
          + ", while scoring", pipelineScoring, 100 * (1 - pipelineScoring / inProcess()));
      out.printf("  %-62s %7.1f img/s  overhead %4.1f%%%n", "  the same, end to end (Flink start, model loading)",
          pipelineEndToEnd, 100 * (1 - pipelineEndToEnd / inProcess()));
    }
  }

  private EvaluateBenchmark() {}

  public static Report run(Path work, int images, int batch, int parallelism) throws IOException {
    OneDnn.enable();
    String dataset = prepare(work, images);
    String checkpoint = work.resolve("alexnet-random.zip").toString();
    Dataset data = Dataset.open(dataset);
    MultiLayerNetwork net = Arch.ALEXNET.build(AlexNetShape.TORCHVISION, 224, 1,
        new org.alexnet.trainer.optim.TorchSgd(0.01, 0.9), 0);
    Checkpoints.save(checkpoint, net, new CheckpointState(CheckpointState.FORMAT_VERSION, 0, 0, 0, 0, "alexnet",
        AlexNetShape.TORCHVISION.text(), InputNormalization.MEAN_IMAGE_STD_NAME, data.manifest().id(), 0,
        Map.of("crop_size", "224"), data.manifest().classNames()));

    TrainedModel model = TrainedModel.fromCheckpoint(checkpoint);
    double before = inProcess(model, data, batch, images);

    EvaluateRequest request = new EvaluateRequest(dataset, ModelRef.checkpoint(checkpoint),
        new EvaluateSettings(EvalViews.CENTER, batch), work.resolve("evaluation").toString());
    PipelineRunner runner = PipelineRunner.local(parallelism, StorageConfig.defaults());
    long start = System.nanoTime();
    EvalSummary report = EvaluatePipeline.run(request, runner, "bench-evaluate");
    double seconds = (System.nanoTime() - start) / 1e9;
    long scored = report.images();
    double after = inProcess(model, data, batch, images);
    return new Report(scored, batch, parallelism, before, after, scored / seconds,
        report.scoringImagesPerSecond());
  }

  /** A make-sample validation set of at least {@code images} (and a token train split), prepared on Flink. */
  private static String prepare(Path work, int images) throws IOException {
    Files.createDirectories(work);
    int classes = 10;
    SampleSummary sample = new SampleGenerator(new SampleSpec(classes, 1, (images + classes - 1) / classes, 1, false, false),
        n -> { }).write(work.resolve("sample"));
    PrepareInputs inputs = new PrepareInputs(sample.trainTar().toString(), sample.valTar().toString(),
        sample.devkit().toString(), null, null);
    PrepareRequest request = new PrepareRequest(inputs, work.resolve("dataset").toString(), PrepareSettings.DEFAULTS, false);
    return PreparePipeline.run(request, PipelineRunner.embedded(), "bench-evaluate").dataset().root().text();
  }

  /** Batches the in-process anchor cuts once beforehand; it runs them once to warm up, then in turn. */
  private static final int ANCHOR_BATCHES = 8;

  /**
   * Forward passes alone, on inputs cut from the first validation images before the clock starts,
   * for as many images as the pipeline scores: over a few seconds this machine's speed drifts by
   * 10-20%, so the anchor is timed over as long as the pipeline is.
   */
  private static double inProcess(TrainedModel model, Dataset data, int batch, int images) throws IOException {
    InputNormalization norm = model.inputNormalization(data);
    MultiLayerNetwork net = model.loadNetwork();
    List<INDArray> inputs = new ArrayList<>();
    List<ImageRecord> records = new ArrayList<>();
    int size = 3 * 224 * 224;
    for (Manifest.Shard shard : data.split(Dataset.VALIDATION).shards()) {
      String uri = data.resolve(shard.path());
      try (TfRecordReader reader = new TfRecordReader(Storage.open(uri), uri)) {
        for (byte[] r = reader.next(); r != null && inputs.size() < ANCHOR_BATCHES; r = reader.next()) {
          records.add(ExampleCodec.decode(r));
          if (records.size() == batch) {
            float[] values = new float[batch * size];
            for (int i = 0; i < batch; i++) {
              InputCrops.centre(records.get(i), 224, norm, values, i * size);
            }
            inputs.add(Nd4j.create(values, new long[] {batch, 3, 224, 224}, 'c'));
            records.clear();
          }
        }
      }
    }
    inputs.forEach(x -> net.output(x, false));
    int batches = Math.max(inputs.size(), (images + batch - 1) / batch);
    long start = System.nanoTime();
    for (int i = 0; i < batches; i++) {
      net.output(inputs.get(i % inputs.size()), false);
    }
    return (double) batches * batch / ((System.nanoTime() - start) / 1e9);
  }
}
