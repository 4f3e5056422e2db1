package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * One kustomize replacement: where the value comes from (one object, a field, optionally one part
 * of a delimited string) and the targets it is written to. Parsed as kustomize decodes it (field
 * names matched ignoring case, unknown fields ignored).
 */
record ReplacementSpec(Source source, List<Target> targets) {

  /** {@code options}: split/join a delimited string, which part, create missing fields. */
  record Options(String delimiter, int index, boolean create) {
    static final Options NONE = new Options("", 0, false);

    @Override
    public String toString() {
      return delimiter.isEmpty() && !create ? "" : delimiter + "(" + index + "), create=" + create;
    }
  }

  /** A resource selector: id parts (empty matches any) plus label and annotation selectors. */
  record Selector(ResId id, String labelSelector, String annotationSelector) {
    boolean idIsEmpty() {
      return id.group().isEmpty() && id.version().isEmpty() && id.kind().isEmpty() && id.name().isEmpty()
          && id.namespace().isEmpty();
    }

    @Override
    public String toString() {
      return ReplacementSpec.idString(id) + ":a=" + annotationSelector + ":l=" + labelSelector;
    }
  }

  record Source(ResId id, String fieldPath, Options options) {
    @Override
    public String toString() {
      String s = idString(id);
      if (!fieldPath.isEmpty()) {
        s += ":" + fieldPath;
      }
      String o = options.toString();
      return o.isEmpty() ? s : s + ":" + o;
    }
  }

  record Target(Selector select, List<Selector> reject, List<String> fieldPaths, Options options) {}

  /** kustomize's ResId text: {@code Kind.version.group/name.namespace} with placeholders for empties. */
  static String idString(ResId id) {
    return (id.kind().isEmpty() ? "[noKind]" : id.kind()) + "." + (id.version().isEmpty() ? "[noVer]" : id.version())
        + "." + (id.group().isEmpty() ? "[noGrp]" : id.group()) + "/" + (id.name().isEmpty() ? "[noName]" : id.name())
        + "." + (id.namespace().isEmpty() ? "[noNs]" : id.namespace());
  }

  static ReplacementSpec parse(Node node, String where) throws KustomizeException {
    if (!(node instanceof MapNode map)) {
      throw new KustomizeException(where + ": a replacement must be a map with 'source' and 'targets'");
    }
    Node src = JsonFields.get(map, "source");
    Source source = null;
    if (src instanceof MapNode s) {
      source = new Source(id(s, where), string(s, "fieldPath", where), options(JsonFields.get(s, "options"), where));
    } else if (!isNull(src)) {
      throw new KustomizeException(where + ": replacement 'source' must be a map");
    }
    Node tgts = JsonFields.get(map, "targets");
    List<Target> targets = null;
    if (tgts instanceof SeqNode seq) {
      targets = new ArrayList<>();
      for (Node t : seq.items()) {
        targets.add(target(t, where));
      }
    } else if (!isNull(tgts)) {
      throw new KustomizeException(where + ": replacement 'targets' must be a list");
    }
    return new ReplacementSpec(source, targets);
  }

  private static Target target(Node node, String where) throws KustomizeException {
    if (isNull(node)) {
      return null;
    }
    if (!(node instanceof MapNode t)) {
      throw new KustomizeException(where + ": each replacement target must be a map");
    }
    Node sel = JsonFields.get(t, "select");
    Selector select = isNull(sel) ? null : selector(sel, where);
    List<Selector> reject = new ArrayList<>();
    Node rej = JsonFields.get(t, "reject");
    if (rej instanceof SeqNode seq) {
      for (Node r : seq.items()) {
        if (!isNull(r)) {
          reject.add(selector(r, where));
        }
      }
    } else if (!isNull(rej)) {
      throw new KustomizeException(where + ": target 'reject' must be a list of selectors");
    }
    List<String> paths = new ArrayList<>();
    Node fps = JsonFields.get(t, "fieldPaths");
    if (fps instanceof SeqNode seq) {
      for (Node p : seq.items()) {
        if (!(p instanceof ScalarNode s)) {
          throw new KustomizeException(where + ": target 'fieldPaths' must be a list of strings");
        }
        paths.add(s.isNull() ? "" : s.value());
      }
    } else if (!isNull(fps)) {
      throw new KustomizeException(where + ": target 'fieldPaths' must be a list of strings");
    }
    return new Target(select, reject, paths, options(JsonFields.get(t, "options"), where));
  }

  private static Selector selector(Node node, String where) throws KustomizeException {
    if (!(node instanceof MapNode m)) {
      throw new KustomizeException(where + ": a selector must be a map (group, version, kind, name, namespace, "
          + "labelSelector, annotationSelector)");
    }
    return new Selector(id(m, where), string(m, "labelSelector", where), string(m, "annotationSelector", where));
  }

  private static ResId id(MapNode m, String where) throws KustomizeException {
    return new ResId(string(m, "group", where), string(m, "version", where), string(m, "kind", where),
        string(m, "namespace", where), string(m, "name", where));
  }

  private static Options options(Node node, String where) throws KustomizeException {
    if (isNull(node)) {
      return Options.NONE;
    }
    if (!(node instanceof MapNode m)) {
      throw new KustomizeException(where + ": replacement 'options' must be a map");
    }
    int index = 0;
    Node idx = JsonFields.get(m, "index");
    if (idx instanceof ScalarNode s && !s.isNull()) {
      if (!Tags.INT.equals(s.tag())) {
        throw new KustomizeException(where + ": options.index must be an integer, not '" + s.value() + "'");
      }
      try {
        index = Integer.parseInt(s.value().replace("_", ""));
      } catch (NumberFormatException e) {
        throw new KustomizeException(where + ": options.index must be an integer, not '" + s.value() + "'");
      }
    }
    boolean create = false;
    Node cr = JsonFields.get(m, "create");
    if (cr instanceof ScalarNode s && !s.isNull()) {
      if (!Tags.BOOL.equals(s.tag())) {
        throw new KustomizeException(where + ": options.create must be true or false, not '" + s.value() + "'");
      }
      create = s.value().equalsIgnoreCase("true");
    }
    return new Options(string(m, "delimiter", where), index, create);
  }

  private static String string(MapNode m, String field, String where) throws KustomizeException {
    Node n = JsonFields.get(m, field);
    if (isNull(n)) {
      return "";
    }
    if (!(n instanceof ScalarNode s)) {
      throw new KustomizeException(where + ": '" + field + "' must be a string");
    }
    return s.value();
  }

  private static boolean isNull(Node n) {
    return n == null || n instanceof ScalarNode s && s.isNull();
  }
}
