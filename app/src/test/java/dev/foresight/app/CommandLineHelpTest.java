package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} on every command, usage errors, NO_COLOR and {@code -V}, as a user runs them. */
class CommandLineHelpTest {

  /** Every command and sub-command, e.g. {@code [bench, diff]}. */
  static List<List<String>> commands(CommandLine line, List<String> path, List<List<String>> out) {
    for (var e : line.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      List<String> sub = new ArrayList<>(path);
      sub.add(e.getKey());
      out.add(sub);
      commands(e.getValue(), sub, out);
    }
    return out;
  }

  @Test
  void helpWorksOnEveryCommandWithoutItsRequiredParameters() {
    List<List<String>> all = commands(new CommandLine(new Foresight()), List.of(), new ArrayList<>());
    assertTrue(all.contains(List.of("bench", "diff")) && all.contains(List.of("demo")), all.toString());
    for (List<String> command : all) {
      for (String flag : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(command);
        args.add(flag);
        Cli.Run run = Cli.run(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), args + ": " + run.printed());
        assertTrue(run.out().startsWith("Usage: foresight " + String.join(" ", command)), args + ": " + run.out());
        assertEquals("", run.err(), args.toString());
      }
    }
  }

  @Test
  void noCommandIsAUsageErrorOnStderr() {
    Cli.Run run = Cli.run();
    assertEquals(2, run.exitCode(), run.printed());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("foresight: a command is required\nUsage: foresight"), run.err());
    Cli.Run bench = Cli.run("bench");
    assertEquals(2, bench.exitCode(), bench.printed());
    assertTrue(bench.err().startsWith("foresight bench: a command is required\nUsage: foresight bench"), bench.err());
  }

  @Test
  void versionIsTheProjectVersion() {
    Cli.Run run = Cli.run("-V");
    assertEquals(0, run.exitCode());
    String expected = System.getProperty("foresight.version", "");
    assertFalse(run.out().contains("development") || run.out().contains("unknown") || run.out().contains("${"),
        run.out());
    assertTrue(run.out().matches("(?s)foresight \\d+\\.\\d+\\.\\d+\\S*\n.*"), run.out());
    if (!expected.isEmpty()) {
      assertTrue(run.out().startsWith("foresight " + expected + "\n"), run.out());
    }
    assertEquals(run.out(), Cli.run("diff", "-V").out(), "every command prints the same version");
  }

  @Test
  void noColorTurnsTheHelpColoursOff() throws Exception {
    String forcedOn = help(null);
    assertTrue(forcedOn.contains("\u001b["), "-Dpicocli.ansi=true colours the help: " + forcedOn);
    String off = help("1");
    assertFalse(off.contains("\u001b["), "NO_COLOR=1: " + off);
    assertTrue(off.startsWith("Usage: foresight diff"), off);
    assertTrue(help("").contains("\u001b["), "an empty NO_COLOR is unset (no-color.org)");
  }

  /** {@code foresight diff --help} in a new JVM with colours forced on and NO_COLOR as given (null: unset). */
  private static String help(String noColor) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
        + "java", "-Dpicocli.ansi=true", "-cp", System.getProperty("java.class.path"), Foresight.class.getName(),
        "diff", "--help");
    pb.environment().remove("NO_COLOR");
    if (noColor != null) {
      pb.environment().put("NO_COLOR", noColor);
    }
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "foresight --help did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
