package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * kustomize's replacement filter: each replacement in turn reads one value from the single
 * resource its source selects (by current or any previous id) and writes it to every field path
 * of every resource each target selects and does not reject.
 */
final class ReplacementFilter {

  static final String DEFAULT_FIELD_PATH = "metadata.name";

  private ReplacementFilter() {}

  static void apply(ResourceList resources, List<ReplacementSpec> replacements) throws KustomizeException {
    for (ReplacementSpec r : replacements) {
      if (r.source() == null || r.targets() == null) {
        throw new KustomizeException("replacements must specify a source and at least one target");
      }
      Node value = sourceValue(resources, r.source());
      for (ReplacementSpec.Target target : r.targets()) {
        applyTarget(resources, value, target);
      }
    }
  }

  // ---- source ----

  static Node sourceValue(ResourceList resources, ReplacementSpec.Source source) throws KustomizeException {
    Resource match = null;
    for (Resource r : resources) {
      for (ResId id : ids(r)) {
        if (selects(source.id(), id)) {
          if (match != null) {
            throw new KustomizeException("multiple matches for selector " + source);
          }
          match = r;
          break;
        }
      }
    }
    if (match == null) {
      throw new KustomizeException("nothing selected by " + source);
    }
    String fieldPath = source.fieldPath().isEmpty() ? DEFAULT_FIELD_PATH : source.fieldPath();
    Node node;
    try {
      node = lookup(match.node(), smarterSplit(fieldPath));
    } catch (KustomizeException e) {
      throw new KustomizeException("error looking up replacement source: " + e.getMessage(), e);
    }
    if (nilOrEmpty(node)) {
      throw new KustomizeException("fieldPath `" + fieldPath + "` is missing for replacement source "
          + ReplacementSpec.idString(source.id()));
    }
    ReplacementSpec.Options o = source.options();
    if (o.delimiter().isEmpty()) {
      return node;
    }
    if (!(node instanceof ScalarNode s)) {
      throw new KustomizeException("delimiter option can only be used with scalar nodes");
    }
    String[] parts = s.value().split(java.util.regex.Pattern.quote(o.delimiter()), -1);
    if (o.index() >= parts.length || o.index() < 0) {
      throw new KustomizeException("options.index " + o.index() + " is out of bounds for value " + s.value());
    }
    ScalarNode refined = s.copy();
    refined.value(parts[o.index()]);
    return refined;
  }

  private static boolean nilOrEmpty(Node node) {
    return node == null || node instanceof ScalarNode s && s.isNull()
        || node instanceof MapNode m && m.isEmpty() || node instanceof SeqNode q && q.items().isEmpty();
  }

  /**
   * kyaml's Lookup (PathGetter without create): fields, list indexes ({@code -} is the last item),
   * {@code [field=value]} / {@code [=value]} items by exact value. Missing parts give null.
   */
  static Node lookup(Node root, List<String> path) throws KustomizeException {
    Node cur = root;
    for (String raw : path) {
      String part = raw.trim();
      if (part.isEmpty()) {
        continue;
      }
      if (cur == null || cur instanceof ScalarNode s && s.isNull()) {
        return null;
      }
      if (part.matches("[-+]?\\d+")) {
        int idx = Integer.parseInt(part.startsWith("+") ? part.substring(1) : part);
        if (idx < 0) {
          throw new KustomizeException("array index " + idx + " cannot be negative");
        }
        if (!(cur instanceof SeqNode seq)) {
          throw PathMatcher.wrongKind("SequenceNode", cur);
        }
        cur = idx < seq.items().size() ? seq.items().get(idx) : null;
      } else if (part.equals("-")) {
        if (!(cur instanceof SeqNode seq)) {
          throw PathMatcher.wrongKind("SequenceNode", cur);
        }
        cur = seq.items().isEmpty() ? null : seq.items().get(seq.items().size() - 1);
      } else if (part.equals("*")) {
        throw new KustomizeException("wildcard is not supported in PathGetter");
      } else if (part.startsWith("[") && part.endsWith("]")) {
        String inner = part.substring(1, part.length() - 1);
        int eq = inner.indexOf('=');
        if (eq < 0) {
          throw new KustomizeException("list path element must contain fieldName=fieldValue for element to match");
        }
        if (!(cur instanceof SeqNode seq)) {
          throw PathMatcher.wrongKind("SequenceNode", cur);
        }
        String field = inner.substring(0, eq);
        String value = inner.substring(eq + 1);
        Node found = null;
        for (Node item : seq.items()) {
          Node candidate = field.isEmpty() ? item : item instanceof MapNode m ? m.get(field) : null;
          if (candidate instanceof ScalarNode s && s.value().equals(value)) {
            found = item;
            break;
          }
        }
        cur = found;
      } else {
        if (!(cur instanceof MapNode map)) {
          throw PathMatcher.wrongKind("MappingNode", cur);
        }
        cur = map.get(part);
      }
    }
    return cur;
  }

  // ---- targets ----

  private static void applyTarget(ResourceList resources, Node value, ReplacementSpec.Target target)
      throws KustomizeException {
    if (target == null || target.select() == null) {
      throw new KustomizeException("target must specify resources to select");
    }
    List<String> fieldPaths = target.fieldPaths().isEmpty() ? List.of(DEFAULT_FIELD_PATH) : target.fieldPaths();
    SelectorExpr selectLabels = SelectorExpr.parse(target.select().labelSelector(), "labelSelector");
    SelectorExpr selectAnnotations = SelectorExpr.parse(target.select().annotationSelector(), "annotationSelector");
    for (Resource r : resources) {
      if (!selectLabels.matches(r.stringMap("labels")) || !selectAnnotations.matches(r.stringMap("annotations"))) {
        continue;
      }
      if (rejectedByLabels(r, target.reject())) {
        continue;
      }
      List<ResId> ids = ids(r);
      if (rejectedById(ids, target.reject())) {
        continue;
      }
      for (ResId id : ids) {
        if (selects(target.select().id(), id)) {
          copyToTarget(r, value, fieldPaths, target.options());
          break;
        }
      }
    }
  }

  private static boolean rejectedByLabels(Resource r, List<ReplacementSpec.Selector> rejects)
      throws KustomizeException {
    for (ReplacementSpec.Selector reject : rejects) {
      if (reject.labelSelector().isEmpty() && reject.annotationSelector().isEmpty()) {
        continue;
      }
      if (SelectorExpr.parse(reject.labelSelector(), "labelSelector").matches(r.stringMap("labels"))
          && SelectorExpr.parse(reject.annotationSelector(), "annotationSelector")
              .matches(r.stringMap("annotations"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean rejectedById(List<ResId> ids, List<ReplacementSpec.Selector> rejects) {
    for (ReplacementSpec.Selector reject : rejects) {
      if (reject.idIsEmpty()) {
        continue;
      }
      for (ResId id : ids) {
        if (selects(reject.id(), id)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void copyToTarget(Resource r, Node value, List<String> fieldPaths, ReplacementSpec.Options options)
      throws KustomizeException {
    FieldWalker.Slot root = new FieldWalker.Slot() {
      @Override
      public Node get() {
        return r.node();
      }

      @Override
      public void set(Node node) {
        throw new IllegalStateException("a resource's root is never replaced");
      }
    };
    FieldWalker.Kind create = options.create() ? kindOf(value) : FieldWalker.Kind.NONE;
    for (String fp : fieldPaths) {
      List<FieldWalker.Slot> slots;
      try {
        slots = PathMatcher.match(root, smarterSplit(fp), create);
      } catch (KustomizeException e) {
        throw new KustomizeException(retrievalError(fp, options.create()) + ": " + e.getMessage(), e);
      }
      if (slots.isEmpty()) {
        throw new KustomizeException(retrievalError(fp, options.create()) + " (in " + r.id()
            + "; check the path, or set options.create: true to add it)");
      }
      for (FieldWalker.Slot slot : slots) {
        setValue(slot, value, options);
      }
    }
  }

  private static String retrievalError(String fieldPath, boolean create) {
    return create ? "unable to find or create field \"" + fieldPath + "\" in replacement target"
        : "unable to find field \"" + fieldPath + "\" in replacement target";
  }

  private static FieldWalker.Kind kindOf(Node value) {
    if (value instanceof MapNode) {
      return FieldWalker.Kind.MAP;
    }
    if (value instanceof SeqNode) {
      return FieldWalker.Kind.SEQ;
    }
    return FieldWalker.Kind.SCALAR;
  }

  /**
   * Writes {@code value} at {@code slot}: into a scalar only the text (the target keeps its tag, so
   * a string field stays a string); anything else is replaced by a copy of the value. With a
   * delimiter the target's text is split and the value replaces the part at the index (or is put
   * before it for a negative index, after it for an index past the end).
   */
  static void setValue(FieldWalker.Slot slot, Node value, ReplacementSpec.Options options)
      throws KustomizeException {
    Node v = value.copy();
    Node target = slot.get();
    if (!options.delimiter().isEmpty()) {
      if (!(target instanceof ScalarNode t)) {
        throw new KustomizeException("delimiter option can only be used with scalar nodes");
      }
      List<String> parts = new ArrayList<>(List.of(t.value().split(java.util.regex.Pattern.quote(options.delimiter()),
          -1)));
      String text = v instanceof ScalarNode s ? s.value() : "";
      if (options.index() < 0) {
        parts.add(0, text);
      } else if (options.index() >= parts.size()) {
        parts.add(text);
      } else {
        parts.set(options.index(), text);
      }
      String joined = String.join(options.delimiter(), parts);
      if (v instanceof ScalarNode s) {
        s.value(joined);
      } else {
        v = new ScalarNode(joined, Tags.STR, ScalarStyle.PLAIN);
      }
    }
    if (target instanceof ScalarNode t) {
      String text = v instanceof ScalarNode s ? s.value() : "";
      ScalarNode updated = t.copy();
      updated.value(text);
      if (t.tag() == PathMatcher.UNTAGGED) {
        updated.tag(Tags.resolvePlain(text));
      } else if (t.isNull()) {
        updated.tag(Tags.STR);
      }
      slot.set(updated);
    } else {
      slot.set(v);
    }
  }

  // ---- ids ----

  /** The current id first, then every previous one. */
  static List<ResId> ids(Resource r) {
    List<ResId> ids = new ArrayList<>();
    ids.add(r.id());
    ids.addAll(r.previousIds());
    return ids;
  }

  /** kustomize's IsSelectedBy: every non-empty part of the selector matches exactly. */
  static boolean selects(ResId selector, ResId id) {
    return (selector.name().isEmpty() || selector.name().equals(id.name()))
        && (selector.namespace().isEmpty()
            || Gvk.effectiveNamespace(selector).equals(Gvk.effectiveNamespace(id)))
        && Gvk.of(id).isSelectedBy(Gvk.of(selector));
  }

  /** kyaml's SmarterPathSplitter: dots split, {@code \.} escapes, {@code [a.b=c]} stays whole. */
  static List<String> smarterSplit(String path) {
    List<String> split = FieldSpec.splitPath(path, '.');
    List<String> out = new ArrayList<>();
    for (int i = 0; i < split.size(); i++) {
      String elem = split.get(i);
      if (elem.startsWith("[") && !elem.endsWith("]")) {
        StringBuilder b = new StringBuilder(elem);
        while (i < split.size() - 1) {
          i++;
          b.append('.').append(split.get(i));
          if (split.get(i).endsWith("]")) {
            break;
          }
        }
        String joined = b.toString();
        out.add(joined.contains("=") ? joined : joined.replaceAll("^[\\[\\]]+|[\\[\\]]+$", ""));
      } else {
        out.add(elem);
      }
    }
    return out;
  }
}
