package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 6902 JSON patch applied the way kustomize v5.5.0 applies it, that is with
 * evanphx/json-patch <b>v4</b> (v4.12.0): the resource goes through JSON (keys sorted, comments
 * and styles dropped, numbers as float64) and comes back as freshly marshalled YAML.
 *
 * <p>v4 is laxer than the RFC and than v5, and kustomize users depend on it: {@code replace} of a
 * missing object key adds it, {@code copy} from a missing key writes null, an {@code add} at
 * index {@code -1} appends, a path's first segment is ignored ({@code a/b} means {@code /b}), a
 * {@code replace} of the root by a scalar does nothing, {@code test} compares scalars by their
 * JSON bytes. The error texts are v4's. See {@link JsonDoc} for the containers.
 */
final class JsonPatch {

  /** JSON null (json-patch's nil node). */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** One operation: its JSON fields (absent field = no key). */
  private record Op(Map<String, Object> fields) {
    String kind() {
      Object v = fields.get("op");
      Object s = v instanceof JsonText.Raw r ? r.value() : v;
      return s instanceof String str ? str : "unknown";
    }

    boolean hasValue() {
      return fields.containsKey("value");
    }

    /** The value to store: absent or null both store null. */
    Object value() {
      Object v = fields.get("value");
      return v == null ? NULL : v;
    }

    /** json-patch's Path()/From(): a missing or null field, or a non-string. */
    String string(String field, String missing) throws KustomizeException {
      Object v = fields.get(field);
      if (v == null || v == NULL) {
        throw new KustomizeException(missing + ": missing value");
      }
      Object s = v instanceof JsonText.Raw r ? r.value() : v;
      if (s instanceof String str) {
        return str;
      }
      throw new KustomizeException("json: cannot unmarshal " + JsonDoc.typeName(s) + " into Go value of type string");
    }

    String path() throws KustomizeException {
      return string("path", "operation missing path field");
    }

    String from() throws KustomizeException {
      return string("from", "operation, missing from field");
    }
  }

  private final List<Op> ops;

  private JsonPatch(List<Op> ops) {
    this.ops = ops;
  }

  boolean isEmpty() {
    return ops.isEmpty();
  }

  /**
   * The operations of a patch text as kustomize reads it: text starting with {@code [} is strict
   * JSON, anything else YAML converted to JSON.
   */
  static JsonPatch decode(String text, String source) throws KustomizeException {
    if (text.startsWith("[")) {
      return fromJson(JsonText.parse(text));
    }
    List<Node> docs = dev.foresight.kustomize.yaml.Yaml.parseAll(text, source);
    if (docs.isEmpty()) {
      return new JsonPatch(List.of());
    }
    return decode(docs.get(0), source);
  }

  /** The operations from a parsed YAML patch document (a sequence of maps). */
  static JsonPatch decode(Node doc, String source) throws KustomizeException {
    if (doc instanceof MapNode) {
      throw new KustomizeException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    if (!(doc instanceof SeqNode)) {
      throw new KustomizeException("json patch " + source + " is not a list of operations");
    }
    return fromJson(JsonValues.fromPatchYaml(doc));
  }

  @SuppressWarnings("unchecked")
  private static JsonPatch fromJson(Object json) throws KustomizeException {
    if (!(json instanceof List<?> list)) {
      throw new KustomizeException("json: cannot unmarshal " + JsonDoc.typeName(json)
          + " into Go value of type jsonpatch.Patch");
    }
    List<Op> ops = new ArrayList<>();
    for (Object item : list) {
      if (item == NULL) {
        ops.add(new Op(Map.of()));
      } else if (item instanceof Map<?, ?> m) {
        ops.add(new Op((Map<String, Object>) m));
      } else {
        throw new KustomizeException("json: cannot unmarshal " + JsonDoc.typeName(item)
            + " into Go value of type jsonpatch.Operation");
      }
    }
    return new JsonPatch(ops);
  }

  /** Applies to a resource tree, replacing its content with the re-marshalled result. */
  void apply(MapNode resource) throws KustomizeException {
    Yaml.settleFolded(resource);
    Object doc = JsonValues.toJson(resource);
    for (Op op : ops) {
      doc = applyOne(doc, op);
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw new KustomizeException("json: cannot unmarshal array into Go value of type map[string]interface {}");
    }
    MapNode result = (MapNode) JsonValues.fromJson(doc);
    resource.entries().clear();
    resource.entries().addAll(result.entries());
    resource.headComment("");
    resource.lineComment("");
    resource.footComment("");
    resource.flow(false);
  }

  // ---- operations (json-patch v4.12.0 patch.go) --------------------------------------------

  private static Object applyOne(Object doc, Op op) throws KustomizeException {
    switch (op.kind()) {
      case "add":
        add(doc, op);
        return doc;
      case "remove":
        remove(doc, op);
        return doc;
      case "replace":
        return replace(doc, op);
      case "move":
        move(doc, op);
        return doc;
      case "test":
        test(doc, op);
        return doc;
      case "copy":
        copy(doc, op);
        return doc;
      default:
        throw new KustomizeException("Unexpected kind: " + op.kind());
    }
  }

  private static void add(Object doc, Op op) throws KustomizeException {
    String path = decodePath(op, "add operation failed to decode path");
    JsonDoc.Target t = JsonDoc.find(doc, path);
    if (t == null) {
      throw missing("add operation does not apply: doc is missing path: \"" + path + "\"");
    }
    wrap(() -> t.add(op.value()), "error in add for path: '" + path + "'");
  }

  private static void remove(Object doc, Op op) throws KustomizeException {
    String path = decodePath(op, "remove operation failed to decode path");
    JsonDoc.Target t = JsonDoc.find(doc, path);
    if (t == null) {
      throw missing("remove operation does not apply: doc is missing path: \"" + path + "\"");
    }
    wrap(t::remove, "error in remove for path: '" + path + "'");
  }

  private static Object replace(Object doc, Op op) throws KustomizeException {
    String path = wrapped(op::path, "replace operation failed to decode path");
    if (path.isEmpty()) {
      if (!op.hasValue()) {
        throw panics("a replace of the whole document without a 'value'");
      }
      Object v = op.value();
      // v4: a scalar (or null) value is silently ignored, an object or array becomes the document
      return v instanceof Map<?, ?> || v instanceof List<?> ? v : doc;
    }
    JsonDoc.Target t = JsonDoc.find(doc, path);
    if (t == null) {
      throw missing("replace operation does not apply: doc is missing path: " + path);
    }
    try {
      t.get();
    } catch (KustomizeException e) {
      throw missing("replace operation does not apply: doc is missing key: " + path);
    }
    // a missing object key is no error: the value is set (added)
    wrap(() -> t.set(op.value()), "error in remove for path: '" + path + "'");
    return doc;
  }

  private static void move(Object doc, Op op) throws KustomizeException {
    String from = wrapped(op::from, "move operation failed to decode from");
    JsonDoc.Target src = JsonDoc.find(doc, from);
    if (src == null) {
      throw missing("move operation does not apply: doc is missing from path: " + from);
    }
    // v4 names the last key, not the path, in these two messages
    Object v = wrapped(src::get, "error in move for path: '" + src.key() + "'");
    wrap(src::remove, "error in move for path: '" + src.key() + "'");
    String path = wrapped(op::path, "move operation failed to decode path");
    JsonDoc.Target dst = JsonDoc.find(doc, path);
    if (dst == null) {
      throw missing("move operation does not apply: doc is missing destination path: " + path);
    }
    Object moved = v == null ? NULL : v;
    wrap(() -> dst.add(moved), "error in move for path: '" + path + "'");
  }

  private static void copy(Object doc, Op op) throws KustomizeException {
    String from = wrapped(op::from, "copy operation failed to decode from");
    JsonDoc.Target src = JsonDoc.find(doc, from);
    if (src == null) {
      throw missing("copy operation does not apply: doc is missing from path: " + from);
    }
    Object v = wrapped(src::get, "error in copy for from: '" + from + "'");
    String path = decodePath(op, "copy operation failed to decode path");
    JsonDoc.Target dst = JsonDoc.find(doc, path);
    if (dst == null) {
      throw missing("copy operation does not apply: doc is missing destination path: " + path);
    }
    // a missing source key copies as null
    Object value = v == null ? NULL : JsonDoc.deepCopy(v);
    wrap(() -> dst.add(value), "error while adding value during copy");
  }

  private static void test(Object doc, Op op) throws KustomizeException {
    String path = wrapped(op::path, "test operation failed to decode path");
    if (path.isEmpty()) {
      if (!op.hasValue()) {
        throw panics("a test of the whole document without a 'value'");
      }
      if (!JsonDoc.equal(doc, op.value())) {
        throw failed(path);
      }
      return;
    }
    JsonDoc.Target t = JsonDoc.find(doc, path);
    if (t == null) {
      throw missing("test operation does not apply: is missing path: " + path);
    }
    Object have = wrapped(t::get, "error in test for path: '" + path + "'");
    if (have == null || have == NULL) {
      if (!op.hasValue()) {
        throw panics("a test of a missing or null value without a 'value'");
      }
      if (op.value() != NULL) {
        throw failed(path);
      }
      return;
    }
    if (!op.hasValue() || !JsonDoc.equal(have, op.value())) {
      throw failed(path);
    }
  }

  // ---- errors -------------------------------------------------------------------------------

  private interface Step<T> {
    T run() throws KustomizeException;
  }

  private interface Action {
    void run() throws KustomizeException;
  }

  /** {@code errors.Wrapf(err, prefix)}. */
  private static <T> T wrapped(Step<T> step, String prefix) throws KustomizeException {
    try {
      return step.run();
    } catch (KustomizeException e) {
      throw new KustomizeException(prefix + ": " + e.getMessage());
    }
  }

  private static void wrap(Action action, String prefix) throws KustomizeException {
    wrapped(() -> {
      action.run();
      return null;
    }, prefix);
  }

  /** add, remove and copy wrap any path error as "missing value". */
  private static String decodePath(Op op, String prefix) throws KustomizeException {
    try {
      return op.path();
    } catch (KustomizeException e) {
      throw missing(prefix);
    }
  }

  private static KustomizeException missing(String what) {
    return new KustomizeException(what + ": missing value");
  }

  private static KustomizeException failed(String path) {
    return new KustomizeException("testing value " + path + " failed: test failed");
  }

  private static KustomizeException panics(String what) {
    return new KustomizeException("json patch: kustomize v5.5.0 crashes (nil pointer dereference in "
        + "json-patch v4) on " + what + "; add a 'value' to the operation");
  }
}
