package dev.foresight.app;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints a failed command's message (not a stack trace) and exits 2; --verbose shows the trace. */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    String message = dev.foresight.app.command.CliErrors.describe(e);
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
    if (Boolean.getBoolean("foresight.verbose") || System.getenv("FORESIGHT_VERBOSE") != null) {
      e.printStackTrace(cmd.getErr());
    }
    return 2;
  }
}
