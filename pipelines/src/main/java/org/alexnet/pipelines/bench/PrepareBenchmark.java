package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.pipelines.prepare.PrepareOptions;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The prepare benchmark: one tar of ImageNet-like JPEGs, prepared by the Pillow anchor and by the
 * pipeline on the embedded Flink, on the same cores, in the same run.
 */
public final class PrepareBenchmark {
  /** What was measured. */
  public record Report(int images, int cores, PillowAnchor.Result anchor, double pipelineSeconds, long written) {
    public double pipelineImagesPerSecond() {
      return images / pipelineSeconds;
    }

    public double ratio() {
      return pipelineImagesPerSecond() / anchor.imagesPerSecond();
    }

    public void print(PrintStream out) {
      out.printf("prepare benchmark: %,d ImageNet-like JPEGs (mostly 500x375, q75-95), size 256, centre crop, raw; "
          + "%d cores (%s)%n", images, cores, cpu());
      out.printf("  %-58s %8.0f img/s%n", "anchor: Pillow " + anchor.pillowVersion() + ", " + cores
          + " processes, decode+resize+crop", anchor.imagesPerSecond());
      out.printf("  %-58s %8.0f img/s  = %.2fx the anchor%n", "alexnet prepare: Beam on Flink [local] x" + cores
          + ", tar in, shards out", pipelineImagesPerSecond(), ratio());
      out.printf("  (pipeline wall time %.1f s including Flink start-up and the header scan; %,d images written)%n",
          pipelineSeconds, written);
    }
  }

  private PrepareBenchmark() {}

  public static Report run(Path photos, Path work, int images) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path tar = work.resolve("ILSVRC2012_img_train.tar");
    BenchmarkArchive.write(photos, tar, images, 1);
    int cores = Runtime.getRuntime().availableProcessors();

    PillowAnchor.Result anchor = PillowAnchor.run(tar, cores, work);

    PrepareOptions options = PipelineOptionsFactory.as(PrepareOptions.class);
    options.setRunner(FlinkRunner.class);
    options.setFlinkMaster("[local]");
    options.setParallelism(cores);
    options.setTrainTar(tar.toString());
    options.setOutput(work.resolve("dataset-" + System.nanoTime()).toString());
    long start = System.nanoTime();
    PreparePipeline.Outcome outcome = PreparePipeline.run(options, "bench");
    double seconds = (System.nanoTime() - start) / 1e9;
    long written = outcome.dataset().manifest().splits().values().stream().mapToLong(Manifest.Split::images).sum();
    return new Report(images, cores, anchor, seconds, written);
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
