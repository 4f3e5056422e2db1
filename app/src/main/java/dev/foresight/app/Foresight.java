package dev.foresight.app;

import dev.foresight.app.command.BenchCommand;
import dev.foresight.app.command.DemoCommand;
import dev.foresight.app.command.DiffCommand;
import dev.foresight.app.command.KustomizeCommand;
import dev.foresight.app.command.ReplayCommand;
import dev.foresight.app.command.ServeCommand;
import dev.foresight.app.command.TopicsCommand;
import dev.foresight.app.command.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code foresight} command line. */
@Command(name = "foresight", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Shows what a GitOps change does to every environment.",
    subcommands = {DemoCommand.class, DiffCommand.class, UpCommand.class, ServeCommand.class,
        ReplayCommand.class, TopicsCommand.class, BenchCommand.class, KustomizeCommand.class,
        CommandLine.HelpCommand.class})
public final class Foresight implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Foresight())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
