package dev.foresight.renderer.changelog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The subject of a commit message and the pull request number it names. */
public final class Subjects {

  private static final Pattern MERGE = Pattern.compile("^Merge pull request #(\\d+)\\b");
  private static final Pattern SQUASH = Pattern.compile("\\(#(\\d+)\\)\\s*$");

  private Subjects() {}

  /** The first line of {@code message}, trimmed. */
  public static String subject(String message) {
    if (message == null) {
      return "";
    }
    int eol = message.indexOf('\n');
    return (eol < 0 ? message : message.substring(0, eol)).strip();
  }

  /**
   * The pull request of a subject: {@code Merge pull request #123 from ...} (GitHub merge) or a
   * trailing {@code (#123)} (GitHub squash); null otherwise.
   */
  public static Integer pullRequest(String subject) {
    if (subject == null) {
      return null;
    }
    Matcher merge = MERGE.matcher(subject);
    if (merge.find()) {
      return number(merge.group(1));
    }
    Matcher squash = SQUASH.matcher(subject);
    return squash.find() ? number(squash.group(1)) : null;
  }

  private static Integer number(String digits) {
    try {
      return Integer.valueOf(digits);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
