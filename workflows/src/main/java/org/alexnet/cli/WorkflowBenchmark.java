package org.alexnet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.alexnet.sample.SampleGenerator;
import org.alexnet.workflows.run.RunActivitiesImpl;
import org.alexnet.workflows.run.StageRecord;

/**
 * What the workflow costs on top of its stages: the demo's settings run as three separate commands
 * (prepare, train, evaluate, each its own JVM, as a user would chain them) and as one {@code alexnet
 * run} on the embedded Temporal server, each in a fresh folder, in the same environment, in turn
 * (which goes first alternates from round to round).
 */
final class WorkflowBenchmark {
  private WorkflowBenchmark() {}

  /**
   * One round's wall times, in seconds.
   *
   * @param workflowStages the run's three stages as its run.json times them, from activity start to end
   */
  record Round(double prepare, double train, double evaluate, double workflow, double workflowStages) {
    double stages() {
      return prepare + train + evaluate;
    }

    double overhead() {
      return workflow - stages();
    }
  }

  static List<Round> run(Path work, int rounds, PrintStream log) throws IOException, InterruptedException {
    Path sample = work.resolve("sample");
    if (!Files.exists(sample.resolve("ILSVRC2012_devkit_t12.tar.gz"))) {
      new SampleGenerator(DemoCommand.SAMPLE, n -> { }).write(sample);
    }
    List<String> inputs = List.of("--train-tar", sample.resolve("ILSVRC2012_img_train.tar").toString(), "--val-tar",
        sample.resolve("ILSVRC2012_img_val.tar").toString(), "--devkit",
        sample.resolve("ILSVRC2012_devkit_t12.tar.gz").toString());
    List<String> model = List.of("--widths", DemoCommand.TRAIN.widths(), "--crop-size",
        Integer.toString(DemoCommand.TRAIN.cropSize()), "--epochs", Integer.toString(DemoCommand.TRAIN.epochs()), "-b",
        Integer.toString(DemoCommand.TRAIN.batchSize()), "--wd", Double.toString(DemoCommand.TRAIN.weightDecay()), "-j", "2",
        "--print-freq", "50");
    List<Round> done = new ArrayList<>();
    for (int r = 1; r <= rounds; r++) {
      Path round = work.resolve("round-" + r + "-" + System.nanoTime());
      String dataset = round.resolve("dataset").toString();
      String checkpoints = round.resolve("checkpoints").toString();
      // the first command of a round finds colder caches: odd rounds start with the stages, even ones with the run
      double workflow = r % 2 == 0 ? runWorkflow(log, inputs, model, round) : 0;
      double prepare = time(log, "prepare", concat(List.of("prepare"), inputs, List.of("--size",
          Integer.toString(DemoCommand.SIZE), "--out", dataset)));
      double train = time(log, "train", concat(List.of("train", dataset, "--checkpoint-dir", checkpoints), model));
      double evaluate = time(log, "evaluate", List.of("evaluate", "--dataset", dataset, "--checkpoint",
          checkpoints + "/model_best.zip", "--out", round.resolve("evaluation").toString()));
      if (r % 2 == 1) {
        workflow = runWorkflow(log, inputs, model, round);
      }
      done.add(new Round(prepare, train, evaluate, workflow, stageSeconds(round.resolve("work"))));
    }
    return done;
  }

  private static double runWorkflow(PrintStream log, List<String> inputs, List<String> model, Path round)
      throws IOException, InterruptedException {
    return time(log, "run", concat(List.of("run"), inputs, List.of("--size", Integer.toString(DemoCommand.SIZE), "--work",
        round.resolve("work").toString()), model));
  }

  /** The run's stages as its run.json timed them. */
  private static double stageSeconds(Path workFolder) throws IOException {
    try (var runs = Files.list(workFolder.resolve("runs"))) {
      Path record = runs.findFirst().orElseThrow().resolve("run.json");
      return RunActivitiesImpl.read(record.toString()).stages().stream().mapToDouble(StageRecord::seconds).sum();
    }
  }

  static void print(List<Round> rounds, PrintStream out) {
    out.println("| round | prepare | train | evaluate | stages, three commands | alexnet run (workflow) | what it adds "
        + "| of the run: its stages / the rest (JVM, server, workflow) |");
    out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      out.printf(Locale.ROOT, "| %d | %.1f s | %.1f s | %.1f s | %.1f s | %.1f s | %+.1f s (%+.1f%%) | %.1f s / %.1f s |%n",
          i + 1, r.prepare(), r.train(), r.evaluate(), r.stages(), r.workflow(), r.overhead(),
          100 * r.overhead() / r.stages(), r.workflowStages(), r.workflow() - r.workflowStages());
    }
    out.println("Target: the workflow adds at most 10% or 5 s (whichever is larger) to the stages run as commands.");
  }

  /** Runs one alexnet command in a JVM of its own, started as this one was; returns its wall time. */
  private static double time(PrintStream log, String name, List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), AlexNetCommand.class.getName()));
    command.addAll(args);
    Path output = Files.createTempFile("alexnet-bench-" + name + "-", ".log");
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    int code = process.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0) {
      throw new IOException("alexnet " + name + " failed (exit " + code + "); its output is in " + output);
    }
    Files.delete(output);
    log.printf(Locale.ROOT, "  alexnet %-8s %6.1f s%n", name, seconds);
    return seconds;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> p : parts) {
      all.addAll(p);
    }
    return all;
  }
}
