package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.UnsupportedFeature;
import dev.foresight.kustomize.patch.Selector;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.transform.NamespaceTransformer;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * kustomize's builtin ValueAddTransformer (v5.5.0): puts one string at a field path of the
 * selected resources, creating the fields on the way (kyaml's LookupCreate), optionally inserted
 * as a segment of a file path held there ({@code filePathPosition}); {@code metadata/namespace}
 * runs the namespace filter instead. The value defaults to the name of the kustomization's
 * directory.
 */
final class ValueAdd {

  private record Target(Selector selector, String fieldPath, long filePathPosition) {}

  private final String value;
  private final List<Target> targets;

  private ValueAdd(String value, List<Target> targets) {
    this.value = value;
    this.targets = targets;
  }

  /** Reads the plugin config (fields of ValueAddTransformerPlugin), as its Config does. */
  static ValueAdd configure(MapNode c, BuildContext ctx, String where) throws KustomizeException {
    String value = GeneratorArgs.string(c, "value").strip();
    if (value.isEmpty()) {
      String dir = ctx.dir();
      if (dir.isEmpty()) {
        throw new UnsupportedFeature(where + " without 'value' at the root of the tree (its default is the "
            + "name of the directory, which this tree does not know)", ctx.file());
      }
      value = dir.substring(dir.lastIndexOf('/') + 1);
    }
    List<Target> targets = new ArrayList<>();
    readTargets(c.get("targets"), targets, ctx, where);
    String file = GeneratorArgs.string(c, "targetFilePath");
    if (!file.isEmpty()) {
      List<Node> docs = Yaml.parseAll(ctx.read(file, "transformers"), file);
      if (!docs.isEmpty() && docs.get(0) instanceof MapNode m) {
        readTargets(m.get("targets"), targets, ctx, where + " targetFilePath " + file);
      }
    }
    if (targets.isEmpty()) {
      throw KustomizeException.at(ctx.file(), "transformers", c.line(), where + ": must specify at least one target");
    }
    for (Target t : targets) {
      if (t.fieldPath().isEmpty()) {
        throw KustomizeException.at(ctx.file(), "transformers", c.line(), where + ": fieldPath cannot be empty");
      }
      if (t.filePathPosition() < 0) {
        throw KustomizeException.at(ctx.file(), "transformers", c.line(), where + ": value of FilePathPosition ("
            + t.filePathPosition() + ") cannot be negative");
      }
    }
    return new ValueAdd(value, targets);
  }

  private static void readTargets(Node node, List<Target> out, BuildContext ctx, String where)
      throws KustomizeException {
    if (!(node instanceof SeqNode seq)) {
      return;
    }
    for (Node item : seq.items()) {
      if (!(item instanceof MapNode m)) {
        throw KustomizeException.at(ctx.file(), "transformers", item.line(), where + ": each target must be a map "
            + "with selector, fieldPath and filePathPosition");
      }
      MapNode selector = m.getMap("selector");
      String position = GeneratorArgs.string(m, "filePathPosition");
      long pos;
      try {
        pos = position.isEmpty() ? 0 : Long.parseLong(position);
      } catch (NumberFormatException e) {
        throw KustomizeException.at(ctx.file(), "transformers", m.line(), where + ": filePathPosition must be an "
            + "integer, not '" + position + "'");
      }
      out.add(new Target(selector == null ? null : Selector.from(selector), GeneratorArgs.string(m, "fieldPath"),
          pos));
    }
  }

  void apply(ResourceList resources) throws KustomizeException {
    for (Target t : targets) {
      List<Resource> selected = t.selector() == null ? new ArrayList<>(resources.all())
          : t.selector().select(resources.all());
      for (Resource r : selected) {
        if (t.fieldPath().equals("metadata/namespace")) {
          new NamespaceTransformer(value, List.of(), false, NamespaceTransformer.SubjectMode.DEFAULT_ONLY)
              .applyFilter(r);
        } else {
          add(r.node(), t);
        }
      }
    }
  }

  /** The valueadd filter on one resource. */
  private void add(MapNode root, Target t) throws KustomizeException {
    List<String> path = clean(split(t.fieldPath()));
    Holder at = new Holder(null, -1, null, root);
    for (int i = 0; i < path.size() && at != null; i++) {
      at = step(at, path.get(i), i + 1 < path.size() ? path.get(i + 1) : "");
    }
    if (at == null) {
      return;
    }
    Node n = at.node();
    if (!(n instanceof ScalarNode old)) {
      throw new KustomizeException("wrong node kind: expected ScalarNode but got "
          + (n instanceof MapNode ? "MappingNode" : "SequenceNode") + " (ValueAddTransformer fieldPath "
          + t.fieldPath() + ")");
    }
    String text = value;
    if (t.filePathPosition() > 0) {
      text = insertPathPart(old.value(), t.filePathPosition() - 1, value);
    }
    // kyaml's FieldSetter: a fresh untagged scalar in the old node's style
    ScalarStyle style = old.style();
    String tag = style == ScalarStyle.PLAIN ? Tags.resolvePlain(text) : Tags.STR;
    at.set(new ScalarNode(text, tag, style));
  }

  /** A node and where it sits: in a map under a key, in a sequence at an index, or the root. */
  private record Holder(Node container, int index, String key, Node node) {
    void set(Node value) {
      if (container instanceof MapNode map) {
        map.put(key, value);
      } else if (container instanceof SeqNode seq) {
        seq.items().set(index, value);
      }
    }
  }

  /** One PathGetter step with create (kind of the new node from the next part). */
  private static Holder step(Holder at, String part, String next) throws KustomizeException {
    Node cur = at.node();
    if (part.matches("[-+]?\\d+")) {
      long idx = Long.parseLong(part.startsWith("+") ? part.substring(1) : part);
      if (idx < 0) {
        throw new KustomizeException("array index " + idx + " cannot be negative");
      }
      SeqNode seq = seq(cur);
      return idx < seq.items().size() ? new Holder(seq, (int) idx, null, seq.items().get((int) idx)) : null;
    }
    if (part.equals("-")) {
      SeqNode seq = seq(cur);
      if (seq.items().isEmpty()) {
        throw new KustomizeException("kustomize v5.5.0 crashes (index out of range) on '-' in an empty list");
      }
      int last = seq.items().size() - 1;
      return new Holder(seq, last, null, seq.items().get(last));
    }
    if (part.equals("*")) {
      throw new KustomizeException("wildcard is not supported in PathGetter");
    }
    if (part.startsWith("[") && part.endsWith("]")) {
      String inner = part.substring(1, part.length() - 1);
      int eq = inner.indexOf('=');
      if (eq < 0) {
        throw new KustomizeException("list path element must contain fieldName=fieldValue for element to match");
      }
      String name = inner.substring(0, eq);
      String want = inner.substring(eq + 1);
      if (cur instanceof ScalarNode s && s.isNull()) {
        return null;
      }
      SeqNode seq = seq(cur);
      for (int k = 0; k < seq.items().size(); k++) {
        Node item = seq.items().get(k);
        Node probe = name.isEmpty() ? item : item instanceof MapNode m ? m.get(name) : null;
        if (probe instanceof ScalarNode s && s.value().equals(want)) {
          return new Holder(seq, k, null, item);
        }
      }
      Node created;
      if (name.isEmpty()) {
        created = ScalarNode.string(want);
        ((ScalarNode) created).tag(Tags.resolvePlain(want));
      } else {
        MapNode m = new MapNode();
        m.put(name, new ScalarNode(want, Tags.resolvePlain(want), ScalarStyle.PLAIN));
        created = m;
      }
      seq.add(created);
      return new Holder(seq, seq.items().size() - 1, null, created);
    }
    if (cur == null || cur instanceof ScalarNode s && s.isNull()) {
      return null;
    }
    if (!(cur instanceof MapNode map)) {
      throw new KustomizeException("wrong node kind: expected MappingNode but got "
          + (cur instanceof SeqNode ? "SequenceNode" : "ScalarNode"));
    }
    Node found = map.get(part);
    if (found == null) {
      found = next.startsWith("[") && next.endsWith("]") || isIdxNumber(next) ? new SeqNode()
          : next.isEmpty() ? new ScalarNode("", Tags.STR, ScalarStyle.PLAIN) : new MapNode();
      map.put(part, found);
    }
    return new Holder(map, -1, part, found);
  }

  private static boolean isIdxNumber(String p) {
    return p.matches("[-+]?\\d{1,18}") && Long.parseLong(p.startsWith("+") ? p.substring(1) : p) >= 0;
  }

  private static SeqNode seq(Node cur) throws KustomizeException {
    if (cur instanceof SeqNode seq) {
      return seq;
    }
    throw new KustomizeException("wrong node kind: expected SequenceNode but got "
        + (cur instanceof MapNode ? "MappingNode" : "ScalarNode"));
  }

  /** The field path split on {@code /}, a trailing backslash joining a part with the next. */
  static List<String> split(String fieldPath) {
    List<String> fields = new ArrayList<>();
    for (String f : fieldPath.split("/", -1)) {
      if (!fields.isEmpty() && fields.get(fields.size() - 1).endsWith("\\")) {
        String prev = fields.remove(fields.size() - 1);
        fields.add(prev.substring(0, prev.length() - 1) + "/" + f);
      } else {
        fields.add(f);
      }
    }
    return fields;
  }

  private static List<String> clean(List<String> path) {
    List<String> out = new ArrayList<>();
    for (String p : path) {
      if (!p.strip().isEmpty()) {
        out.add(p.strip());
      }
    }
    return out;
  }

  /** kyaml's filesys.InsertPathPart: {@code part} at {@code pos} of a slash path, absolute paths kept so. */
  static String insertPathPart(String path, long pos, String part) {
    if (part.isEmpty()) {
      return path;
    }
    List<String> parts = pathSplit(path);
    int p = (int) Math.max(0, Math.min(pos, parts.size()));
    if (!parts.isEmpty() && parts.get(0).isEmpty() && p < parts.size()) {
      p++;
    }
    parts.add(p, part);
    return pathJoin(parts);
  }

  private static List<String> pathSplit(String path) {
    List<String> out = new ArrayList<>();
    if (path.isEmpty()) {
      return out;
    }
    int slash = path.lastIndexOf('/');
    String dir = path.substring(0, slash + 1);
    String file = path.substring(slash + 1);
    if (dir.equals("/")) {
      out.add("");
      if (!file.isEmpty()) {
        out.add(file);
      }
      return out;
    }
    dir = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    if (dir.isEmpty()) {
      out.add(file);
      return out;
    }
    out.addAll(pathSplit(dir));
    out.add(file);
    return out;
  }

  private static String pathJoin(List<String> parts) {
    if (parts.isEmpty()) {
      return "";
    }
    if (parts.get(0).isEmpty()) {
      return "/" + goJoin(parts.subList(1, parts.size()));
    }
    return goJoin(parts);
  }

  /** Go's filepath.Join: non-empty parts joined by '/', then cleaned. */
  private static String goJoin(List<String> parts) {
    List<String> kept = new ArrayList<>();
    for (String p : parts) {
      if (!p.isEmpty()) {
        kept.add(p);
      }
    }
    if (kept.isEmpty()) {
      return "";
    }
    return goClean(String.join("/", kept));
  }

  /** Go's path.Clean. */
  private static String goClean(String path) {
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String seg : path.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        }
        continue;
      }
      out.add(seg);
    }
    String joined = String.join("/", out);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
