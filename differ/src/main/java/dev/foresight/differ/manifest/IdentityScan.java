package dev.foresight.differ.manifest;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a document's identity (apiVersion, kind, metadata.namespace, metadata.name) from its lines
 * when it is written as kubectl prints objects: block style, top-level keys at column 0, metadata
 * fields indented by two spaces, plain values. Anything else — a flow mapping, a quoted or
 * ambiguous value, a duplicate key, a missing field — answers null, and the caller parses the YAML.
 * This is a shortcut for the common case, never a different answer: every value it accepts is one a
 * YAML 1.2 parser reads as the same string.
 */
final class IdentityScan {

  /** Plain scalars that a YAML 1.2 core-schema parser reads as the same string. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z][A-Za-z0-9._/-]*");
  private static final Set<String> RESERVED = Set.of("true", "True", "TRUE", "false", "False", "FALSE", "null",
      "Null", "NULL");

  private IdentityScan() {}

  /** The identity, or null when the fast reading does not apply. */
  static Manifest of(String text) {
    String apiVersion = null;
    String kind = null;
    String name = null;
    String namespace = null;
    boolean inMetadata = false;
    boolean metadataSeen = false;
    int start = 0;
    int length = text.length();
    while (start < length) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = length;
      }
      String line = text.substring(start, end);
      start = end + 1;
      if (line.isEmpty() || line.startsWith("#")) {
        return null; // comments and blank lines: let the parser decide
      }
      char first = line.charAt(0);
      if (first == '-') {
        // an item of a top-level key's sequence (kubectl does not indent them)
        if (inMetadata || !(line.equals("-") || line.startsWith("- "))) {
          return null;
        }
      } else if (first != ' ') {
        inMetadata = false;
        if (line.startsWith("apiVersion:")) {
          if (apiVersion != null || (apiVersion = value(line, 11)) == null) {
            return null;
          }
        } else if (line.startsWith("kind:")) {
          if (kind != null || (kind = value(line, 5)) == null) {
            return null;
          }
        } else if (line.equals("metadata:")) {
          if (metadataSeen) {
            return null;
          }
          metadataSeen = inMetadata = true;
        } else if (!Character.isLetter(first) || line.indexOf(':') < 0 || line.startsWith("metadata")) {
          return null; // a document marker, a flow or odd top-level line
        }
      } else if (inMetadata && line.length() > 2 && line.charAt(1) == ' ' && line.charAt(2) != ' ') {
        if (line.startsWith("  name:")) {
          if (name != null || (name = value(line, 7)) == null) {
            return null;
          }
        } else if (line.startsWith("  namespace:")) {
          if (namespace != null || (namespace = value(line, 12)) == null) {
            return null;
          }
        }
      }
    }
    if (apiVersion == null || kind == null || name == null) {
      return null;
    }
    return new Manifest(apiVersion, kind, namespace, name, text);
  }

  private static String value(String line, int colon) {
    if (line.length() < colon + 2 || line.charAt(colon) != ' ') {
      return null;
    }
    String value = line.substring(colon + 1);
    return SAFE.matcher(value).matches() && !RESERVED.contains(value) ? value : null;
  }
}
