package dev.foresight.ingest.replay;

import java.nio.file.Path;

/** A line of a replay file that cannot be read; the message names the file and the line. */
public final class ReplayFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final int line;

  ReplayFormatException(Path file, int line, String problem, Throwable cause) {
    super(file + ":" + line + ": " + problem, cause);
    this.file = file;
    this.line = line;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number. */
  public int line() {
    return line;
  }
}
