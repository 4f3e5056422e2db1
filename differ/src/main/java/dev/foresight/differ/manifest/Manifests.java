package dev.foresight.differ.manifest;

import dev.foresight.differ.diff.TextDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Splits multi-document YAML, as {@code kubectl kustomize} prints it, into manifests. */
public final class Manifests {

  private static final LoadSettings SETTINGS =
      LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).setAllowDuplicateKeys(true).build();

  private Manifests() {}

  /**
   * Documents are separated by lines that are exactly {@code ---}; blank documents are dropped.
   * A document that is not a mapping, or does not parse, is kept with kind {@code Unknown} and
   * name {@code document-<n>} (1-based position), so its text still shows in the diff.
   */
  public static List<Manifest> split(String content) {
    List<Manifest> manifests = new ArrayList<>();
    if (content == null || content.isEmpty()) {
      return manifests;
    }
    StringBuilder doc = new StringBuilder();
    int position = 0;
    for (String line : TextDiff.lines(content)) {
      if (line.equals("---") || line.equals("---\r")) {
        position = flush(doc, position, manifests);
      } else {
        doc.append(line).append('\n');
      }
    }
    flush(doc, position, manifests);
    return manifests;
  }

  private static int flush(StringBuilder doc, int position, List<Manifest> out) {
    String text = doc.toString();
    doc.setLength(0);
    if (text.isBlank()) {
      return position;
    }
    out.add(parse(text, position + 1));
    return position + 1;
  }

  static Manifest parse(String text, int position) {
    Manifest scanned = IdentityScan.of(text);
    if (scanned != null) {
      return scanned;
    }
    try {
      Object loaded = new Load(SETTINGS).loadFromString(text);
      if (loaded instanceof Map<?, ?> map) {
        Object metadata = map.get("metadata");
        Map<?, ?> meta = metadata instanceof Map<?, ?> m ? m : Map.of();
        String name = string(meta.get("name"));
        if (name != null) {
          return new Manifest(orEmpty(map.get("apiVersion")), orEmpty(map.get("kind")),
              string(meta.get("namespace")), name, text);
        }
      }
    } catch (RuntimeException e) {
      // not YAML we can read: keep the text under a positional name
    }
    return new Manifest("", "Unknown", null, "document-" + position, text);
  }

  private static String string(Object value) {
    return value == null ? null : value.toString();
  }

  private static String orEmpty(Object value) {
    return value == null ? "" : value.toString();
  }
}
