package dev.foresight.app.command;

/**
 * {@code --color auto|always|never}: ANSI colours in the text view; auto means when stdout is a
 * terminal and {@code NO_COLOR} is not set (no-color.org); {@code always} wins over NO_COLOR.
 */
public enum ColorMode {
  AUTO, ALWAYS, NEVER;

  /** Colours for output to stdout ({@code toFile} false) or to a file. */
  public boolean enabled(boolean toFile) {
    return switch (this) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> !toFile && System.console() != null && !Commands.noColor(System.getenv());
    };
  }
}
