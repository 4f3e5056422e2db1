package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replacement target paths (kyaml's PathMatcher): field names, list indexes, {@code *} for every
 * list item, {@code [field=regex]} / {@code [=regex]} for the list items whose field (or the item
 * itself) matches the regular expression (unanchored). With {@code create}, missing fields,
 * the item one past the end, and unmatched {@code [field=value]} items are made on the way; the
 * last part takes the kind of the value being written.
 */
final class PathMatcher {

  /** A scalar made by {@code create}: untagged, its tag follows from the text written into it. */
  static final String UNTAGGED = null;

  private final FieldWalker.Kind create;

  private PathMatcher(FieldWalker.Kind create) {
    this.create = create;
  }

  /** The slots {@code path} reaches from {@code root}; {@code create} NONE never creates. */
  static List<FieldWalker.Slot> match(FieldWalker.Slot root, List<String> path, FieldWalker.Kind create)
      throws KustomizeException {
    List<FieldWalker.Slot> out = new ArrayList<>();
    new PathMatcher(create).walk(root, path, 0, out);
    return out;
  }

  private boolean creating() {
    return create != FieldWalker.Kind.NONE;
  }

  private void walk(FieldWalker.Slot slot, List<String> path, int i, List<FieldWalker.Slot> out)
      throws KustomizeException {
    if (i == path.size()) {
      out.add(slot);
      return;
    }
    String part = path.get(i);
    if (isIndex(part)) {
      index(slot, path, i, out);
    } else if (part.startsWith("[") && part.endsWith("]")) {
      listItems(slot, path, i, out);
    } else if (part.equals("*")) {
      SeqNode seq = seq(slot, part);
      if (seq != null) {
        for (int k = 0; k < seq.items().size(); k++) {
          walk(FieldWalker.itemSlot(seq, k), path, i + 1, out);
        }
      }
    } else {
      field(slot, path, i, out);
    }
  }

  private void field(FieldWalker.Slot slot, List<String> path, int i, List<FieldWalker.Slot> out)
      throws KustomizeException {
    Node node = slot.get();
    String part = path.get(i);
    if (isNull(node)) {
      if (!creating() || node == null) {
        return;
      }
      node = new MapNode();
      slot.set(node);
    }
    if (!(node instanceof MapNode map)) {
      throw wrongKind("MappingNode", node);
    }
    if (map.get(part) == null) {
      if (!creating()) {
        return;
      }
      map.put(part, newNode(kindFor(next(path, i))));
    }
    walk(FieldWalker.entrySlot(map, part), path, i + 1, out);
  }

  private void index(FieldWalker.Slot slot, List<String> path, int i, List<FieldWalker.Slot> out)
      throws KustomizeException {
    int idx = Integer.parseInt(path.get(i).startsWith("+") ? path.get(i).substring(1) : path.get(i));
    SeqNode seq = seq(slot, path.get(i));
    int size = seq == null ? 0 : seq.items().size();
    if (size == idx && creating()) {
      if (seq == null) {
        if (slot.get() == null) {
          return;
        }
        seq = new SeqNode();
        slot.set(seq);
      }
      seq.add(newNode(kindFor(next(path, i))));
      size++;
    }
    if (size < idx + 1) {
      throw new KustomizeException("index " + idx + " specified but only " + size + " elements found");
    }
    walk(FieldWalker.itemSlot(seq, idx), path, i + 1, out);
  }

  private void listItems(FieldWalker.Slot slot, List<String> path, int i, List<FieldWalker.Slot> out)
      throws KustomizeException {
    String part = path.get(i);
    String inner = part.substring(1, part.length() - 1);
    int eq = inner.indexOf('=');
    if (eq < 0) {
      throw new KustomizeException("list path element must contain fieldName=fieldValue for element to match");
    }
    String field = inner.substring(0, eq);
    String value = inner.substring(eq + 1);
    Pattern regex;
    try {
      regex = Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new KustomizeException("error parsing regexp in '" + part + "': " + e.getDescription());
    }
    for (int attempt = 0; attempt < 2; attempt++) {
      SeqNode seq = seq(slot, part);
      int before = out.size();
      if (seq != null) {
        for (int k = 0; k < seq.items().size(); k++) {
          Node item = seq.items().get(k);
          if (field.isEmpty()) {
            if (item instanceof ScalarNode s && regex.matcher(encoded(s)).find()) {
              out.add(FieldWalker.itemSlot(seq, k));
            }
          } else if (item instanceof MapNode m && m.get(field) instanceof ScalarNode s
              && regex.matcher(encoded(s)).find()) {
            walk(FieldWalker.itemSlot(seq, k), path, i + 1, out);
          }
        }
      }
      if (out.size() > before || !creating() || attempt > 0) {
        return;
      }
      if (seq == null) {
        if (slot.get() == null) {
          return;
        }
        seq = new SeqNode();
        slot.set(seq);
      }
      ScalarNode v = new ScalarNode(value, dev.foresight.kustomize.yaml.Tags.resolvePlain(value), ScalarStyle.PLAIN);
      if (field.isEmpty()) {
        seq.add(v);
      } else {
        MapNode item = new MapNode();
        item.put(field, v);
        seq.add(item);
      }
    }
  }

  /**
   * The scalar as YAML writes it, trimmed: kyaml matches {@code [k=regex]} against that text, so
   * a quoted value is seen with its quotes ({@code ^x} does not match {@code "x.jar"}).
   */
  static String encoded(ScalarNode s) {
    String v = s.value();
    return switch (s.style()) {
      case DOUBLE_QUOTED -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
      case SINGLE_QUOTED -> "'" + v.replace("'", "''") + "'";
      case LITERAL, FOLDED -> v.trim();
      default -> s.tag() != null && dev.foresight.kustomize.yaml.Tags.STR.equals(s.tag()) && !v.isEmpty()
          && !dev.foresight.kustomize.yaml.Tags.STR.equals(dev.foresight.kustomize.yaml.Tags.resolvePlain(v))
          ? "\"" + v + "\"" : v.trim();
    };
  }

  /** The list at {@code slot}; null when it is missing or null; an error for a map or scalar. */
  private static SeqNode seq(FieldWalker.Slot slot, String part) throws KustomizeException {
    Node node = slot.get();
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof SeqNode seq)) {
      throw wrongKind("SequenceNode", node);
    }
    return seq;
  }

  private FieldWalker.Kind kindFor(String nextPart) {
    if (nextPart == null) {
      return create;
    }
    if (nextPart.startsWith("[") && nextPart.endsWith("]") || isIndex(nextPart)) {
      return FieldWalker.Kind.SEQ;
    }
    return FieldWalker.Kind.MAP;
  }

  private static String next(List<String> path, int i) {
    return i + 1 < path.size() && !path.get(i + 1).isEmpty() ? path.get(i + 1) : null;
  }

  static Node newNode(FieldWalker.Kind kind) {
    return switch (kind) {
      case MAP -> new MapNode();
      case SEQ -> new SeqNode();
      default -> new ScalarNode("", UNTAGGED, ScalarStyle.PLAIN);
    };
  }

  static boolean isIndex(String part) {
    return part.matches("\\+?\\d{1,9}");
  }

  private static boolean isNull(Node node) {
    return node == null || node instanceof ScalarNode s && s.isNull();
  }

  static KustomizeException wrongKind(String expected, Node node) {
    return new KustomizeException("wrong node kind: expected " + expected + " but got " + FieldWalker.kindName(node));
  }
}
