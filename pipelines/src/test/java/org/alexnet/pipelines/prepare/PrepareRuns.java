package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.alexnet.dataset.record.PixelFormat;
import org.alexnet.pipelines.PipelineRunner;
import org.alexnet.pipelines.prepare.image.StoredCrop;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.alexnet.storage.StorageConfig;

/** Requests and fixtures shared by the prepare pipeline tests: real archives, the embedded Flink. */
final class PrepareRuns {
  /** 64-pixel images, otherwise the defaults. */
  static final PrepareSettings SMALL = settings(64, 0, 0);

  private PrepareRuns() {}

  static SampleSummary sample(Path dir, SampleSpec spec) throws IOException {
    return new SampleGenerator(spec, n -> { }).write(dir);
  }

  static PrepareSettings settings(int size, int trainShards, int valShards) {
    PrepareSettings d = PrepareSettings.DEFAULTS;
    return new PrepareSettings(size, StoredCrop.CENTER, PixelFormat.RAW, d.quality(), trainShards, valShards, d.seed(),
        d.maxPixels(), d.maxFileBytes());
  }

  static PrepareInputs inputs(SampleSummary sample) {
    return new PrepareInputs(sample.trainTar().toString(), sample.valTar().toString(), sample.devkit().toString(), null, null);
  }

  static PrepareRequest request(SampleSummary sample, String output) {
    return new PrepareRequest(inputs(sample), output, SMALL, false);
  }

  /** On the embedded Flink with two slots. */
  static PreparePipeline.Outcome run(PrepareRequest request, String progressKey) throws IOException {
    return PreparePipeline.run(request, flink(StorageConfig.defaults()), progressKey);
  }

  static PipelineRunner flink(StorageConfig storage) {
    return PipelineRunner.local(2, storage);
  }

  /** Every file of a local dataset but the manifest (whose creation time differs), by name. */
  static Map<String, byte[]> files(Path dataset) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (var list = Files.list(dataset)) {
      for (Path f : list.toList()) {
        if (!f.getFileName().toString().equals("manifest.json")) {
          files.put(f.getFileName().toString(), Files.readAllBytes(f));
        }
      }
    }
    return files;
  }

  /** A prepare run in a process of its own, for a test to kill: {@code java PrepareRuns$Main TRAIN VAL DEVKIT OUT}. */
  static final class Main {
    private Main() {}

    public static void main(String[] args) throws IOException {
      PrepareInputs inputs = new PrepareInputs(args[0], args[1], args[2], null, null);
      run(new PrepareRequest(inputs, args[3], settings(64, 4, 2), false), "child");
    }
  }
}
