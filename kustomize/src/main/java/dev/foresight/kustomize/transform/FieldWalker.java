package dev.foresight.kustomize.transform;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.List;

/**
 * Applies a function at every field a {@link FieldSpec} reaches in one object, as kustomize's
 * fieldspec filter does: lists met on the way are entered element by element (with or without
 * {@code []}), missing maps are made when the spec says {@code create} (never inside {@code []}
 * segments), an existing {@code null} on the way takes the kind being created.
 */
public final class FieldWalker {

  /** What to create where a field is missing (NONE: never create). */
  public enum Kind { NONE, SCALAR, MAP, SEQ }

  /** A place holding a node: a map entry's value, a list item, or the object itself. */
  public interface Slot {
    Node get();

    void set(Node node);
  }

  /** Called at each field the spec reaches. */
  @FunctionalInterface
  public interface Visitor {
    void visit(Slot slot) throws KustomizeException;
  }

  private final FieldSpec spec;
  private final List<String> path;
  private final Kind createKind;
  private final String createTag;
  private final Visitor visitor;

  private FieldWalker(FieldSpec spec, Kind createKind, String createTag, Visitor visitor) {
    this.spec = spec;
    this.path = spec.segments();
    this.createKind = createKind;
    this.createTag = createTag;
    this.visitor = visitor;
  }

  /** True when the spec's GVK selects the object (by its current apiVersion and kind). */
  public static boolean matches(FieldSpec spec, MapNode object) {
    Gvk selector = spec.gvk();
    String kind = stringAt(object, "kind");
    if (!selector.kind().isEmpty() && !selector.kind().equals(kind)) {
      return false; // most specs name a kind: no need to split the apiVersion
    }
    if (selector.group().isEmpty() && selector.version().isEmpty()) {
      return true;
    }
    Gvk gvk = Gvk.fromApiVersion(stringAt(object, "apiVersion"), kind);
    return gvk.isSelectedBy(selector);
  }

  /** Walks {@code object} along {@code spec} when its GVK matches, calling {@code visitor} at each hit. */
  public static void apply(MapNode object, FieldSpec spec, Kind createKind, String createTag, Visitor visitor)
      throws KustomizeException {
    if (!matches(spec, object)) {
      return;
    }
    applyUnchecked(object, spec, createKind, createTag, visitor);
  }

  /** As {@link #apply} without the GVK test. */
  public static void applyUnchecked(MapNode object, FieldSpec spec, Kind createKind, String createTag,
      Visitor visitor) throws KustomizeException {
    FieldWalker walker = new FieldWalker(spec, createKind, createTag, visitor);
    Slot root = new Slot() {
      @Override
      public Node get() {
        return object;
      }

      @Override
      public void set(Node node) {
        throw new IllegalStateException("cannot replace the object itself");
      }
    };
    try {
      walker.walk(root, 0);
    } catch (KustomizeException e) {
      throw new KustomizeException("considering field '" + spec.path() + "' of object " + describe(object)
          + ": " + e.getMessage(), e);
    }
  }

  /** All specs in order (kustomize's fsslice filter). */
  public static void applyAll(MapNode object, List<FieldSpec> specs, Kind createKind, String createTag,
      Visitor visitor) throws KustomizeException {
    for (FieldSpec spec : specs) {
      apply(object, spec, createKind, createTag, visitor);
    }
  }

  private void walk(Slot slot, int index) throws KustomizeException {
    if (index == path.size()) {
      visitor.visit(slot);
      return;
    }
    Node node = slot.get();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return;
    }
    if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        walk(itemSlot(seq, i), index);
      }
    } else if (node instanceof MapNode map) {
      walkMap(map, index);
    } else {
      throw new KustomizeException("expected sequence or mapping node");
    }
  }

  private void walkMap(MapNode map, int index) throws KustomizeException {
    String segment = path.get(index);
    boolean isSeq = segment.endsWith("[]");
    String field = isSeq ? segment.substring(0, segment.length() - 2) : segment;
    if (field.isEmpty()) {
      throw new KustomizeException("cannot set or create an empty field name");
    }
    Kind kind;
    String tag;
    boolean create;
    if (!spec.create() || createKind == Kind.NONE || isSeq) {
      create = false;
      kind = isSeq ? Kind.SEQ : Kind.NONE;
      tag = isSeq ? Tags.SEQ : null;
    } else if (index == path.size() - 1) {
      create = true;
      kind = createKind;
      tag = createTag;
    } else {
      create = true;
      kind = Kind.MAP;
      tag = Tags.MAP;
    }
    Node value = map.get(field);
    if (value == null) {
      if (!create) {
        return;
      }
      value = newNode(kind, "", tag);
      map.put(field, value);
    }
    if (value instanceof ScalarNode s && s.isNull() && kind != Kind.NONE) {
      map.put(field, newNode(kind, s.value(), tag));
    }
    walk(entrySlot(map, field), index + 1);
  }

  private static Node newNode(Kind kind, String scalarText, String tag) {
    return switch (kind) {
      case MAP -> new MapNode();
      case SEQ -> new SeqNode();
      default -> new ScalarNode(scalarText, tag == null ? Tags.STR : tag, ScalarStyle.PLAIN);
    };
  }

  static Slot entrySlot(MapNode map, String key) {
    return new Slot() {
      @Override
      public Node get() {
        return map.get(key);
      }

      @Override
      public void set(Node node) {
        map.put(key, node);
      }
    };
  }

  static Slot itemSlot(SeqNode seq, int i) {
    return new Slot() {
      @Override
      public Node get() {
        return seq.items().get(i);
      }

      @Override
      public void set(Node node) {
        seq.items().set(i, node);
      }
    };
  }

  // ---- setters shared by the transformers ----

  /** Replaces the scalar at {@code slot} with {@code value} (tag {@code tag}, the old style kept). */
  public static void setScalar(Slot slot, String value, String tag) throws KustomizeException {
    Node node = slot.get();
    if (!(node instanceof ScalarNode old)) {
      throw new KustomizeException("wrong node kind: expected ScalarNode but got " + kindName(node));
    }
    slot.set(new ScalarNode(value, tag == null ? Tags.STR : tag, old.style()));
  }

  /** Sets {@code key: value} (a string) in the map at {@code slot}. */
  public static void setEntry(Slot slot, String key, String value) throws KustomizeException {
    Node node = slot.get();
    if (!(node instanceof MapNode map)) {
      throw new KustomizeException("wrong node kind: expected MappingNode but got " + kindName(node));
    }
    map.put(key, ScalarNode.string(value));
  }

  static String kindName(Node node) {
    if (node instanceof MapNode) {
      return "MappingNode";
    }
    if (node instanceof SeqNode) {
      return "SequenceNode";
    }
    return "ScalarNode";
  }

  static String stringAt(MapNode map, String key) {
    String s = map == null ? null : map.getString(key);
    return s == null ? "" : s;
  }

  static String describe(MapNode object) {
    MapNode meta = object.getMap("metadata");
    return ResId.of(stringAt(object, "apiVersion"), stringAt(object, "kind"), stringAt(meta, "namespace"),
        stringAt(meta, "name")).toString();
  }
}
