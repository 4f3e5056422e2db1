package dev.foresight.renderer.manifest;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits and joins multi-document YAML text on separator lines {@code ---}, keeping every document
 * byte for byte, so that {@code join(split(text)).equals(text)}.
 */
public final class Manifests {

  private static final String SEPARATOR = "---";

  private Manifests() {}

  /** The documents of {@code text}, each with its own line endings, separators removed. */
  public static List<String> split(String text) {
    List<String> docs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      int next = end < 0 ? text.length() : end + 1;
      String line = text.substring(start, end < 0 ? text.length() : end);
      if (end >= 0 && (line.equals(SEPARATOR) || line.equals(SEPARATOR + "\r"))) {
        docs.add(current.toString());
        current.setLength(0);
      } else {
        current.append(text, start, next);
      }
      start = next;
    }
    docs.add(current.toString());
    return docs;
  }

  /** The inverse of {@link #split}. */
  public static String join(List<String> docs) {
    return String.join(SEPARATOR + "\n", docs);
  }

  /** The number of documents that hold something other than blank lines and comments. */
  public static int count(String text) {
    int objects = 0;
    for (String doc : split(text)) {
      if (!isEmpty(doc)) {
        objects++;
      }
    }
    return objects;
  }

  /** True when {@code doc} has only blank lines and comments. */
  public static boolean isEmpty(String doc) {
    for (String line : doc.split("\n", -1)) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The one mapping document of {@code doc} parsed with the engine's YAML model (so it can be
   * re-emitted exactly as kubectl prints it), or null when it is not one or not valid YAML.
   */
  public static MapNode mapping(String doc) {
    try {
      List<Node> nodes = Yaml.parseAll(doc, "rendered output");
      return nodes.size() == 1 && nodes.get(0) instanceof MapNode map ? map : null;
    } catch (KustomizeException | RuntimeException e) {
      return null;
    }
  }
}
