package org.alexnet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alexnet.pipelines.bench.PrepareBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each printed next to an anchor measured in the same run.",
    subcommands = {BenchCommand.Prepare.class})
final class BenchCommand {

  @Command(
      name = "prepare",
      mixinStandardHelpOptions = true,
      description = {"Prepares a tar of ImageNet-like JPEGs (made from real photos) with the Pillow anchor",
          "(Debian's python3-pil, one process per core) and with the pipeline on Flink [local]; prints images/s."})
  static final class Prepare implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "6000", description = "Images in the benchmark tar (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--photos", defaultValue = "../shared/images/photos", paramLabel = "DIR",
        description = "Real photos to cut the images from (default: ${DEFAULT-VALUE}).")
    Path photos;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary folder, removed after).")
    Path work;

    @Override
    public Integer call() throws Exception {
      Path scratch = work != null ? work : Files.createTempDirectory("alexnet-bench-");
      try {
        PrepareBenchmark.run(photos, scratch, images).print(System.out);
      } finally {
        if (work == null) {
          try (var files = Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        }
      }
      return 0;
    }
  }
}
