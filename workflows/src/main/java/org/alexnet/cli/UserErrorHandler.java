package org.alexnet.cli;

import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints what went wrong in one line for problems the user can fix (bad input, missing files);
 * a stack trace only for bugs, or when ALEXNET_DEBUG is set.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  static final int USER_ERROR = 1;
  static final int INTERNAL_ERROR = 70;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    // Bad input, missing files, and training that diverged: things a user fixes, not bugs.
    boolean userError = e instanceof IOException || e instanceof IllegalArgumentException || e instanceof ArithmeticException;
    String name = cli.getCommandName();
    if (userError && System.getenv("ALEXNET_DEBUG") == null) {
      cli.getErr().println(cli.getColorScheme().errorText(name + ": error: " + e.getMessage()));
      return USER_ERROR;
    }
    cli.getErr().println(cli.getColorScheme().errorText(name + ": internal error: " + e));
    e.printStackTrace(cli.getErr());
    return userError ? USER_ERROR : INTERNAL_ERROR;
  }
}
