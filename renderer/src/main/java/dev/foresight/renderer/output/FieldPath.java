package dev.foresight.renderer.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A field of a rendered object, written as dotted segments: {@code spec.values.password}.
 * {@code *} is any key of a mapping or any item of a list; a number is a list index; a segment in
 * brackets is one literal key, for keys holding dots or slashes:
 * {@code metadata.annotations[deployment.kubernetes.io/revision]}. A plain key applied to a list
 * applies to each of its items (as kustomize field specs do), so
 * {@code spec.template.spec.containers.env.value} reaches every container's env values.
 */
public record FieldPath(String text, List<Segment> segments) {

  /** One step: a literal key (or index), or {@code *}. */
  public record Segment(String key, boolean wildcard, boolean bracketed) {

    boolean matches(String name) {
      return wildcard || key.equals(name);
    }

    /** The list index this segment names, or -1. */
    int index() {
      if (wildcard || bracketed || key.isEmpty() || !key.chars().allMatch(Character::isDigit) || key.length() > 9) {
        return -1;
      }
      return Integer.parseInt(key);
    }
  }

  public FieldPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong (an empty segment, an unclosed bracket)
   */
  public static FieldPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("is empty; write a dotted path such as spec.values.password");
    }
    List<Segment> segments = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[') {
        int close = text.indexOf(']', i + 1);
        if (close < 0) {
          throw new IllegalArgumentException("'" + text + "' has an unclosed '[' at character " + (i + 1));
        }
        String key = text.substring(i + 1, close);
        if (key.isEmpty()) {
          throw new IllegalArgumentException("'" + text + "' has an empty [] segment");
        }
        segments.add(new Segment(key, false, true));
        i = close + 1;
        if (i < n && text.charAt(i) == '.') {
          i++;
          if (i == n) {
            throw new IllegalArgumentException("'" + text + "' ends with '.'");
          }
        } else if (i < n && text.charAt(i) != '[') {
          throw new IllegalArgumentException("'" + text + "' needs a '.' after ']' at character " + i);
        }
        continue;
      }
      int end = i;
      while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
        end++;
      }
      String key = text.substring(i, end);
      if (key.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "' has an empty segment at character " + (i + 1)
            + "; put keys with dots in brackets: metadata.annotations[example.com/key]");
      }
      segments.add(new Segment(key, key.equals("*"), false));
      i = end;
      if (i < n && text.charAt(i) == '.') {
        i++;
        if (i == n) {
          throw new IllegalArgumentException("'" + text + "' ends with '.'");
        }
      }
    }
    return new FieldPath(text, segments);
  }

  @Override
  public String toString() {
    return text;
  }
}
