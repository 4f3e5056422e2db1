package dev.foresight.app.command;

import dev.foresight.app.Version;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/** What every {@code foresight} command shares: {@code -h}/{@code -V}, NO_COLOR, usage errors. */
public final class Commands {

  /** The exit code of a usage error (picocli's, and {@code foresight diff}'s error code). */
  public static final int USAGE = 2;

  private Commands() {}

  /**
   * Gives every command and sub-command {@code -h, --help} and {@code -V, --version} (help that
   * works without the command's required parameters, e.g. {@code diff --help} without BASE HEAD),
   * including commands added later.
   */
  public static void standardHelpEverywhere(CommandLine line) {
    CommandSpec spec = line.getCommandSpec();
    if (spec.findOption("--help") == null) {
      spec.mixinStandardHelpOptions(true);
    }
    if (spec.versionProvider() == null) {
      spec.versionProvider(new Version());
    }
    for (CommandLine sub : line.getSubcommands().values()) {
      standardHelpEverywhere(sub);
    }
  }

  /**
   * No ANSI in help and usage messages when {@code NO_COLOR} is set to a non-empty value
   * (no-color.org); the report's own colours follow the same variable ({@code --color auto}).
   */
  public static void honourNoColor(CommandLine line, Map<String, String> env) {
    if (noColor(env)) {
      line.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
    }
  }

  /** True when {@code NO_COLOR} is present and not empty. */
  public static boolean noColor(Map<String, String> env) {
    String value = env.get("NO_COLOR");
    return value != null && !value.isEmpty();
  }

  /** A command that needs a sub-command was given none: its usage on stderr, exit {@link #USAGE}. */
  public static int usageError(CommandSpec spec) {
    CommandLine line = spec.commandLine();
    line.getErr().println(spec.qualifiedName(" ") + ": a command is required");
    line.usage(line.getErr());
    return USAGE;
  }
}
