package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;

/** Path helpers shared by replacements and vars (kustomize's dotted field paths). */
final class Replacements {

  private Replacements() {}

  /**
   * Splits a dotted path, keeping {@code [k=v]} segments whole (kustomize's SmarterPathSplitter);
   * with {@code sliceIndex}, {@code a[0]} becomes {@code a}, {@code 0}.
   */
  static List<String> splitPath(String path, boolean sliceIndex) {
    List<String> out = ReplacementFilter.smarterSplit(path);
    if (!sliceIndex) {
      return out;
    }
    List<String> converted = new ArrayList<>();
    for (String s : out) {
      int open = s.indexOf('[');
      if (open > 0 && s.endsWith("]") && s.substring(open + 1, s.length() - 1).matches("\\d+")) {
        converted.add(s.substring(0, open));
        converted.add(s.substring(open + 1, s.length() - 1));
      } else {
        converted.add(s);
      }
    }
    return converted;
  }

  /** kyaml's Lookup: fields, {@code [k=v]} list items (exact match), numeric indexes. */
  static Node lookup(Node node, List<String> path) {
    Node cur = node;
    for (String seg : path) {
      if (cur == null) {
        return null;
      }
      if (seg.startsWith("[") && seg.endsWith("]")) {
        String[] kv = seg.substring(1, seg.length() - 1).split("=", 2);
        if (!(cur instanceof SeqNode seq) || kv.length != 2) {
          return null;
        }
        Node found = null;
        for (Node item : seq.items()) {
          if (item instanceof MapNode m && kv[1].equals(m.getString(kv[0]))) {
            found = item;
            break;
          }
        }
        cur = found;
      } else if (cur instanceof SeqNode seq && seg.matches("\\d+")) {
        int i = Integer.parseInt(seg);
        cur = i < seq.items().size() ? seq.items().get(i) : null;
      } else if (cur instanceof MapNode m) {
        cur = m.get(seg);
      } else {
        return null;
      }
    }
    return cur;
  }
}
