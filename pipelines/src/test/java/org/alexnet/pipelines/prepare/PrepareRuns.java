package org.alexnet.pipelines.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.sample.SampleSpec;
import org.alexnet.sample.SampleSummary;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Options and fixtures shared by the prepare pipeline tests: real archives, the embedded Flink. */
final class PrepareRuns {
  private PrepareRuns() {}

  static SampleSummary sample(Path dir, SampleSpec spec) throws IOException {
    return new SampleGenerator(spec, n -> { }).write(dir);
  }

  /** The embedded Flink with two slots, 64-pixel images, no inputs yet. */
  static PrepareOptions options(String output) {
    PrepareOptions o = PipelineOptionsFactory.as(PrepareOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster("[local]");
    o.setParallelism(2);
    o.setOutput(output);
    o.setSize(64);
    return o;
  }

  static PrepareOptions options(SampleSummary sample, String output) {
    PrepareOptions o = options(output);
    o.setTrainTar(sample.trainTar().toString());
    o.setValTar(sample.valTar().toString());
    o.setDevkit(sample.devkit().toString());
    return o;
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
}
