package org.alexnet.pipelines.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.alexnet.dataset.Dataset;
import org.alexnet.dataset.manifest.Manifest;
import org.alexnet.pipelines.prepare.PrepareProgress;
import org.alexnet.pipelines.prepare.image.ImagePreparer;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.prepare.PrepareInputs;
import org.alexnet.pipelines.prepare.PreparePipeline;
import org.alexnet.pipelines.prepare.PrepareRequest;
import org.alexnet.pipelines.prepare.PrepareSettings;

/**
 * The prepare benchmark: one tar of ImageNet-like JPEGs, prepared by the Pillow anchor and by the
 * pipeline on the embedded Flink, on the same cores, in the same run.
 */
public final class PrepareBenchmark {
  /**
   * What was measured. The anchor runs before and after the pipeline, since this machine's speed
   * drifts from minute to minute; the ratios are against the faster run, the stricter bar.
   */
  public record Report(int images, int cores, PillowAnchor.Result anchorBefore, PillowAnchor.Result anchorAfter,
      double pipelineSeconds, double toFirstImage, double imageSeconds, long written, String decoder) {
    public double pipelineImagesPerSecond() {
      return images / pipelineSeconds;
    }

    double anchor() {
      return Math.max(anchorBefore.imagesPerSecond(), anchorAfter.imagesPerSecond());
    }

    public double ratio() {
      return pipelineImagesPerSecond() / anchor();
    }

    public void print(PrintStream out) {
      out.printf("prepare benchmark: %,d ImageNet-like JPEGs (mostly 500x375, q75-95), size 256, centre crop, raw; "
          + "%d cores (%s)%n", images, cores, cpu());
      out.printf("  %-58s %8.0f img/s  (%.0f before the pipeline, %.0f after)%n", "anchor: Pillow "
          + anchorBefore.pillowVersion() + ", " + cores + " processes, decode+resize+crop", anchor(),
          anchorBefore.imagesPerSecond(), anchorAfter.imagesPerSecond());
      out.printf("  %-58s %8.0f img/s  = %.2fx the anchor%n", "alexnet prepare: Beam on Flink [local] x" + cores
          + ", tar in, shards out", pipelineImagesPerSecond(), ratio());
      out.printf("  %-58s %8.0f img/s  = %.2fx the anchor%n", "  the same, first image to last (no start-up, no commit)",
          images / imageSeconds, images / imageSeconds / anchor());
      out.printf("  (pipeline wall time %.1f s: %.1f s to the first image, %.1f s decoding and writing, %.1f s after the last;"
          + " %,d images written; decoders: %s)%n", pipelineSeconds, toFirstImage, imageSeconds,
          pipelineSeconds - toFirstImage - imageSeconds, written, decoder);
    }
  }

  /** The fewest images the benchmark tar can hold: one per class. */
  public static final int MIN_IMAGES = BenchmarkArchive.CLASSES;

  private PrepareBenchmark() {}

  /** @param photos a folder of real photos to cut the images from: the bundled ones, or one {@link PhotoFolder#check} passed */
  public static Report run(Path photos, Path work, int images) throws IOException, InterruptedException {
    PillowAnchor.requirePillow();
    Files.createDirectories(work);
    Path tar = work.resolve("ILSVRC2012_img_train.tar");
    BenchmarkArchive.ensure(photos, tar, images, 1);
    int cores = Runtime.getRuntime().availableProcessors();

    PillowAnchor.Result before = PillowAnchor.run(tar, cores, work);

    PrepareRequest request = new PrepareRequest(new PrepareInputs(tar.toString(), null, null, null, null),
        work.resolve("dataset-" + System.nanoTime()).toString(), PrepareSettings.DEFAULTS, false);
    String key = "bench-" + System.nanoTime();
    ImageClock clock = new ImageClock(key, images);
    long start = System.nanoTime();
    PreparePipeline.Outcome outcome;
    try (clock) {
      outcome = PreparePipeline.run(request, PipelineRunner.embedded(), key);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PillowAnchor.Result after = PillowAnchor.run(tar, cores, work);
    long written = outcome.dataset().manifest().splits().values().stream().mapToLong(Manifest.Split::images).sum();
    return new Report(images, cores, before, after, seconds, clock.firstAfter(start), clock.seconds(), written,
        ImagePreparer.ROUTE);
  }

  /** Times the image work alone: from the first image finished to the last, polling the live counters. */
  private static final class ImageClock implements AutoCloseable {
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private final String key;
    private final int images;
    private volatile long first;
    private volatile long last;

    ImageClock(String key, int images) {
      this.key = key;
      this.images = images;
      poller.scheduleAtFixedRate(this::poll, 0, 20, TimeUnit.MILLISECONDS);
    }

    private void poll() {
      long done = PrepareProgress.done(key, Dataset.TRAIN);
      if (done > 0 && first == 0) {
        first = System.nanoTime();
      }
      if (done >= images && last == 0) {
        last = System.nanoTime();
      }
    }

    double seconds() {
      return (last - first) / 1e9;
    }

    double firstAfter(long start) {
      return (first - start) / 1e9;
    }

    @Override
    public void close() {
      poller.shutdownNow();
      poll();
    }
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
