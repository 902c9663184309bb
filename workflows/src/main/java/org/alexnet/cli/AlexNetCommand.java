package org.alexnet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code alexnet} command: each stage of the job is a subcommand. */
@Command(
    name = "alexnet",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "AlexNet on ILSVRC2012 as data and training infrastructure: Beam on Flink, DL4J, Temporal.",
    subcommands = {DemoCommand.class, RunCommand.class, WorkerCommand.class, StatusCommand.class, CancelCommand.class,
        ServerCommand.class,
        MakeSampleCommand.class, PrepareCommand.class, TrainCommand.class, EvaluateCommand.class, ScoreCommand.class,
        InspectCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class AlexNetCommand {

  public static void main(String[] args) {
    SameDiffChatterFilter.install();
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run it in-process. */
  public static CommandLine commandLine() {
    return commandLine(CommandLine.defaultFactory());
  }

  /** With {@code factory} making the commands and their options (tests give -p another home this way). */
  static CommandLine commandLine(CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(new AlexNetCommand(), factory);
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }
}
