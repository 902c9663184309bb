package org.alexnet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.alexnet.options.Flag;
import org.alexnet.pipelines.bench.BundledPhotos;
import org.alexnet.pipelines.bench.EvaluateBenchmark;
import org.alexnet.pipelines.bench.PhotoFolder;
import org.alexnet.pipelines.bench.PrepareBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks, each printed next to an anchor measured in the same run.",
    subcommands = {BenchCommand.Prepare.class, BenchCommand.Train.class, BenchCommand.Evaluate.class,
        BenchCommand.Workflow.class})
final class BenchCommand {
  /** A benchmark's body, given its scratch folder. */
  interface Body {
    void run(Path scratch) throws Exception;
  }

  /** Runs {@code body} in {@code work}, or in a temporary folder that is removed after. */
  static void inScratch(Path work, Body body) throws Exception {
    if (work != null && Files.exists(work) && !Files.isDirectory(work)) {
      throw new IOException("--work " + work + " is a file: give a folder (it is made if missing),"
          + " or leave --work out for a temporary one");
    }
    Path scratch = work != null ? work : Files.createTempDirectory("alexnet-bench-");
    try {
      body.run(scratch);
    } finally {
      if (work == null) {
        try (var files = Files.walk(scratch)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Command(
      name = "prepare",
      mixinStandardHelpOptions = true,
      description = {"Prepares a tar of ImageNet-like JPEGs (made from real photos) with the Pillow anchor",
          "(Debian's python3-pil, one process per core) and with the pipeline on Flink [local]; prints images/s."})
  static final class Prepare implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "6000", description = "Images in the benchmark tar (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--photos", paramLabel = "DIR", description = "Real photos to cut the images from: JPEG or PNG,"
        + " at least 256 pixels a side (default: the ones bundled with alexnet).")
    Path photos;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary folder, removed after).")
    Path work;

    @Override
    public Integer call() throws Exception {
      Flag.atLeast("--images", images, PrepareBenchmark.MIN_IMAGES);
      if (photos != null) {
        PhotoFolder.check(photos);
      }
      inScratch(work, scratch -> PrepareBenchmark.run(photosFor(scratch), scratch, images).print(System.out));
      return 0;
    }

    /** The photos given, or the bundled ones copied into the scratch folder: no path outside the jar. */
    private Path photosFor(Path scratch) throws IOException {
      return photos != null ? photos : BundledPhotos.copyTo(scratch.resolve("photos"));
    }
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {"Training and inference images/s of torchvision's AlexNet at 224x224 on this machine's",
          "DL4J backend, next to PyTorch (Debian's python3-torch) on the same cores; with --dataset, the",
          "shard loader's images/s too."})
  static final class Train implements Callable<Integer> {
    @Option(names = "--batch-sizes", defaultValue = "16,32,64", split = ",", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    java.util.List<Integer> batches;

    @Option(names = "--iterations", defaultValue = "10", description = "Timed steps per figure (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--dataset", paramLabel = "URI", description = "A prepared dataset to time the loader on.")
    String dataset;

    @Option(names = {"-j", "--workers"}, defaultValue = "2", description = "Loader threads (default: ${DEFAULT-VALUE}).")
    int workers;

    @Override
    public Integer call() throws Exception {
      batches.forEach(b -> Flag.atLeast("--batch-sizes", b, 1));
      Flag.atLeast("--iterations", iterations, 1);
      Flag.atLeast("--workers", workers, 1);
      Path scratch = Files.createTempDirectory("alexnet-bench-");
      org.alexnet.trainer.bench.TrainBenchmark.run(batches, iterations, dataset, workers, scratch, System.out);
      return 0;
    }
  }

  @Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      description = {"The evaluation pipeline's images/s on Flink [local] next to the same model's forward passes",
          "in-process at the same batch size on the same cores (torchvision AlexNet, random weights)."})
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "2000", description = "Validation images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--parallelism", defaultValue = "1",
        description = "Flink workers (default: ${DEFAULT-VALUE}; each forward pass already uses every core).")
    int parallelism;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary folder, removed after).")
    Path work;

    @Override
    public Integer call() throws Exception {
      Flag.atLeast("--batch", batch, 1);
      Flag.atLeast("--parallelism", parallelism, 1);
      Flag.atLeast("--images", images, batch); // the in-process anchor times whole batches
      inScratch(work, scratch -> EvaluateBenchmark.run(scratch, images, batch, parallelism).print(System.out));
      return 0;
    }
  }

  @Command(
      name = "workflow",
      mixinStandardHelpOptions = true,
      description = {"What the Temporal workflow adds to its stages: the demo's settings as",
          "three commands (prepare, train, evaluate) and as one 'alexnet run' on the",
          "embedded server, each in its own JVM, in turn."})
  static final class Workflow implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "1", description = "Rounds of both, alternating (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work", paramLabel = "DIR", description = "Scratch folder (default: a temporary folder, removed after).")
    Path work;

    @Override
    public Integer call() throws Exception {
      Flag.atLeast("--rounds", rounds, 1);
      inScratch(work, scratch -> WorkflowBenchmark.print(WorkflowBenchmark.run(scratch, rounds, System.out), System.out));
      return 0;
    }
  }
}
