package org.alexnet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the {@code alexnet} command, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    return run(AlexNetCommand.commandLine(), args);
  }

  /** A run in which -p without a PATH looks where {@code weights} does, not in this user's home. */
  static CliRun withPretrainedWeights(PretrainedWeights weights, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == PretrainedOption.class ? type.cast(new PretrainedOption(weights))
            : CommandLine.defaultFactory().create(type);
      }
    };
    return run(AlexNetCommand.commandLine(factory), args);
  }

  private static CliRun run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** make-sample then prepare (on the embedded Flink) under {@code dir}; returns the dataset's path. */
  static String preparedSample(java.nio.file.Path dir, int classes, int trainPerClass, int valPerClass) {
    return preparedSample(dir, classes, trainPerClass, valPerClass, false, 256);
  }

  /**
   * @param subsetDevkit a devkit of the sample's classes only, so the dataset has {@code classes} classes
   * @param size prepare's --size
   */
  static String preparedSample(java.nio.file.Path dir, int classes, int trainPerClass, int valPerClass,
      boolean subsetDevkit, int size) {
    String sample = dir.resolve("sample").toString();
    CliRun made = of(subsetDevkit ? new String[] {"make-sample", "--out", sample, "--classes", Integer.toString(classes),
        "--train-per-class", Integer.toString(trainPerClass), "--val-per-class", Integer.toString(valPerClass),
        "--subset-devkit"} : new String[] {"make-sample", "--out", sample, "--classes", Integer.toString(classes),
        "--train-per-class", Integer.toString(trainPerClass), "--val-per-class", Integer.toString(valPerClass)});
    if (made.exitCode() != 0) {
      throw new AssertionError("make-sample failed: " + made.err());
    }
    String dataset = dir.resolve("dataset").toString();
    CliRun prepared = of("prepare", "--train-tar", sample + "/ILSVRC2012_img_train.tar", "--val-tar",
        sample + "/ILSVRC2012_img_val.tar", "--devkit", sample + "/ILSVRC2012_devkit_t12.tar.gz", "--out", dataset,
        "--parallelism", "2", "--size", Integer.toString(size));
    if (prepared.exitCode() != 0) {
      throw new AssertionError("prepare failed: " + prepared.err());
    }
    return dataset;
  }
}
