package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where a transformer looks in objects of some kind: {@code path} is {@code /}-separated
 * ({@code \/} escapes a slash, {@code name[]} marks a list); {@code create} makes missing fields.
 */
public record FieldSpec(Gvk gvk, String path, boolean create) {

  public FieldSpec {
    gvk = gvk == null ? new Gvk("", "", "") : gvk;
    path = path == null ? "" : path;
  }

  public static FieldSpec of(String path, boolean create) {
    return new FieldSpec(new Gvk("", "", ""), path, create);
  }

  private static final Set<String> KEYS = Set.of("group", "version", "kind", "path", "create");

  /** One field spec mapping ({@code group/version/kind/path/create}); unknown keys are errors. */
  public static FieldSpec parse(Node node, String file, String where) throws KustomizeException {
    if (!(node instanceof MapNode map)) {
      throw KustomizeException.at(file, where, node == null ? 0 : node.line(),
          "a field spec must be a mapping with path, and optionally group, version, kind, create");
    }
    for (String key : map.keys()) {
      if (!KEYS.contains(key)) {
        throw KustomizeException.at(file, where, map.line(), "unknown field \"" + key
            + "\" in a field spec (allowed: group, version, kind, path, create)");
      }
    }
    boolean create = false;
    Node c = map.get("create");
    if (c instanceof ScalarNode s && !s.isNull()) {
      create = switch (s.value()) {
        case "true", "True", "TRUE" -> true;
        case "false", "False", "FALSE" -> false;
        default -> throw KustomizeException.at(file, where, s.line(), "create must be true or false, not '"
            + s.value() + "'");
      };
    }
    return new FieldSpec(new Gvk(map.getString("group"), map.getString("version"), map.getString("kind")),
        map.getString("path"), create);
  }

  public static List<FieldSpec> parseList(Node node, String file, String where) throws KustomizeException {
    List<FieldSpec> out = new ArrayList<>();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return out;
    }
    if (!(node instanceof dev.foresight.kustomize.yaml.SeqNode seq)) {
      throw KustomizeException.at(file, where, node.line(), "expected a list of field specs");
    }
    for (Node item : seq.items()) {
      out.add(parse(item, file, where));
    }
    return out;
  }

  /**
   * kustomize's duplicate test when merging, called on the spec already present with the incoming
   * one: same path and this GVK is selected by the incoming one's, so an incoming catch-all spec
   * (no kind) is dropped when a kind-specific spec with that path is already there.
   */
  boolean effectivelyEquals(FieldSpec other) {
    return gvk.isSelectedBy(other.gvk) && path.equals(other.path);
  }

  private static final java.util.Map<String, List<String>> SEGMENTS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The path split at unescaped slashes (kustomize's PathSplitter); computed once per path. */
  public List<String> segments() {
    return SEGMENTS.computeIfAbsent(path, p -> List.copyOf(splitPath(p, '/')));
  }

  static List<String> splitPath(String path, char delimiter) {
    String[] parts = path.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
    List<String> res = new ArrayList<>();
    int start = 0;
    if (parts.length > 1 && parts[0].isEmpty()) {
      start = 1;
    }
    res.add(parts[start]);
    for (int i = start + 1; i < parts.length; i++) {
      int last = res.size() - 1;
      if (res.get(last).endsWith("\\")) {
        String prev = res.get(last);
        res.set(last, prev.substring(0, prev.length() - 1) + delimiter + parts[i]);
      } else {
        res.add(parts[i]);
      }
    }
    return res;
  }

  @Override
  public String toString() {
    return gvk + ":" + create + ":" + path;
  }
}
