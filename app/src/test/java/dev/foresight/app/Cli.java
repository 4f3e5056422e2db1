package dev.foresight.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code foresight} command in this JVM, as a user would, and keeps what it printed. */
public final class Cli {

  private Cli() {}

  /** The exit code and what the command printed on standard output and standard error. */
  public record Run(int exitCode, String out, String err) {

    /** Both streams, for assertion messages. */
    public String printed() {
      return err.isEmpty() ? out : out + "\n[stderr]\n" + err;
    }
  }

  public static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int code = Foresight.run(args);
      return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
