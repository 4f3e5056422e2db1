package dev.foresight.app;

import dev.foresight.app.command.BenchCommand;
import dev.foresight.app.command.Commands;
import dev.foresight.app.command.DemoCommand;
import dev.foresight.app.command.DiffCommand;
import dev.foresight.app.command.KustomizeCommand;
import dev.foresight.app.command.ReplayCommand;
import dev.foresight.app.command.ServeCommand;
import dev.foresight.app.command.TopicsCommand;
import dev.foresight.app.command.UpCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code foresight} command line. */
@Command(name = "foresight", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Shows what a GitOps change does to every environment.",
    subcommands = {DemoCommand.class, DiffCommand.class, UpCommand.class, ServeCommand.class,
        ReplayCommand.class, TopicsCommand.class, BenchCommand.class, KustomizeCommand.class,
        CommandLine.HelpCommand.class})
public final class Foresight implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    CommandLine line = new CommandLine(new Foresight())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true);
    Commands.standardHelpEverywhere(line);
    Commands.honourNoColor(line, System.getenv());
    return line.execute(args);
  }

  /** {@code foresight} without a command: the usage on stderr, exit 2 (a CI script that lost its arguments fails). */
  @Override
  public Integer call() {
    return Commands.usageError(spec);
  }
}
