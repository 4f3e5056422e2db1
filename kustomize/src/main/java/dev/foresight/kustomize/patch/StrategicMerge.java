package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Tags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strategic merge of a patch into a resource tree as kustomize v5.5.0 does it (kyaml merge2 with
 * the walker, list elements added in front): maps merged field by field (new fields appended in
 * sorted order), lists with a {@code merge} strategy merged by their merge keys, other lists
 * replaced, {@code $patch: delete|replace|merge}, null deleting a field. Like kyaml it does not
 * interpret {@code $setElementOrder}, {@code $retainKeys} or {@code $deleteFromPrimitiveList}
 * (they are merged as ordinary fields). Mutates both trees; returns the result, null when the
 * whole resource was deleted.
 */
final class StrategicMerge {

  private final Set<Node> persistentNulls = Collections.newSetFromMap(new IdentityHashMap<>());

  private StrategicMerge() {}

  static Node merge(Node patch, Node dest) throws KustomizeException {
    return new StrategicMerge().walk(dest, patch, null, "");
  }

  // ---- walker ----------------------------------------------------------------------------

  private Node walk(Node dest, Node origin, MergeSchema schema, String path) throws KustomizeException {
    schema = schemaFor(dest, origin, schema);
    Node first = !YamlValues.missingOrNull(dest) ? dest : !YamlValues.missingOrNull(origin) ? origin : null;
    if (first instanceof MapNode) {
      checkKind(MapNode.class, "MappingNode", dest, origin);
      return walkMap(dest, origin, schema, path);
    }
    if (first instanceof SeqNode) {
      checkKind(SeqNode.class, "SequenceNode", dest, origin);
      if (schema != null && schema.hasMergeStrategy()) {
        return walkAssociative(dest, origin, schema, path);
      }
      return visitList(dest, origin, false);
    }
    if (first instanceof ScalarNode) {
      checkKind(ScalarNode.class, "ScalarNode", dest, origin);
      return visitScalar(dest, origin);
    }
    return walkMap(dest, origin, schema, path);
  }

  private static void checkKind(Class<?> kind, String name, Node... nodes) throws KustomizeException {
    for (Node n : nodes) {
      if (!YamlValues.missingOrNull(n) && !kind.isInstance(n)) {
        throw new KustomizeException("wrong node kind: expected " + name + " but got "
            + kindName(n) + " (strategic merge patch and resource disagree on the shape of a field)");
      }
    }
  }

  private static String kindName(Node n) {
    return n instanceof MapNode ? "MappingNode" : n instanceof SeqNode ? "SequenceNode" : "ScalarNode";
  }

  private static MergeSchema schemaFor(Node dest, Node origin, MergeSchema schema) {
    if (schema != null) {
      return schema;
    }
    for (Node n : new Node[] {dest, origin}) {
      if (YamlValues.missingOrNull(n) || !(n instanceof MapNode m)) {
        continue;
      }
      String apiVersion = nonEmptyScalar(m.get("apiVersion"));
      String kind = nonEmptyScalar(m.get("kind"));
      if (apiVersion.isEmpty() || kind.isEmpty()) {
        continue;
      }
      MergeSchema s = OpenApiData.get().forType(apiVersion, kind);
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  private static String nonEmptyScalar(Node n) {
    return n instanceof ScalarNode s && !s.isNull() ? s.value() : "";
  }

  private Node walkMap(Node dest, Node origin, MergeSchema schema, String path) throws KustomizeException {
    Node result = visitMap(dest, origin);
    if (result == null) {
      return null;
    }
    dest = result;
    TreeSet<String> names = new TreeSet<>();
    if (dest instanceof MapNode m) {
      names.addAll(m.keys());
    }
    if (origin instanceof MapNode m) {
      names.addAll(m.keys());
    }
    for (String key : names) {
      MergeSchema s = schema == null ? null : schema.field(key);
      MapNode.Entry destEntry = entry(dest, key);
      MapNode.Entry originEntry = entry(origin, key);
      Node dv = destEntry == null ? null : destEntry.value();
      Node ov = originEntry == null ? null : originEntry.value();
      Node val = walk(dv, ov, s, path.isEmpty() ? key : path + "." + key);
      ScalarNode keyStyleSource = val != null && val == ov && originEntry != null ? originEntry.key()
          : val != null && val == dv && destEntry != null ? destEntry.key() : null;
      setField((MapNode) dest, key, val, keyStyleSource);
    }
    return dest;
  }

  private static MapNode.Entry entry(Node map, String key) {
    if (!(map instanceof MapNode m)) {
      return null;
    }
    for (MapNode.Entry e : m.entries()) {
      if (e.key().value().equals(key)) {
        return e;
      }
    }
    return null;
  }

  /** kyaml {@code FieldSetter} as the walker uses it. */
  private void setField(MapNode map, String key, Node value, ScalarNode keyStyleSource) {
    if (value == null || (YamlValues.isNull(value) && !persistentNulls.contains(value))) {
      map.remove(key);
      return;
    }
    quoteIfYaml11NonString(value);
    MapNode.Entry existing = entry(map, key);
    if (existing != null) {
      copyStyle(existing.value(), value);
      existing.value(value);
      return;
    }
    ScalarNode k = ScalarNode.string(key);
    if (keyStyleSource != null) {
      k.style(keyStyleSource.style());
    }
    map.entries().add(new MapNode.Entry(k, value));
  }

  static void quoteIfYaml11NonString(Node value) {
    if (value instanceof ScalarNode s && Tags.STR.equals(s.tag()) && s.style() == ScalarStyle.PLAIN
        && !s.tagExplicit() && YamlValues.isYaml11NonString(s.value())) {
      s.style(ScalarStyle.DOUBLE_QUOTED);
    }
  }

  /** go-yaml's Style bits copied from one node to another. */
  static void copyStyle(Node from, Node to) {
    if (from == to) {
      return;
    }
    to.tagExplicit(from.tagExplicit());
    if (to instanceof ScalarNode s) {
      s.style(from instanceof ScalarNode f ? f.style() : ScalarStyle.PLAIN);
    } else if (to instanceof MapNode m) {
      m.flow(isFlow(from));
    } else if (to instanceof SeqNode q) {
      q.flow(isFlow(from));
    }
  }

  private static boolean isFlow(Node n) {
    return (n instanceof MapNode m && m.flow()) || (n instanceof SeqNode s && s.flow());
  }

  // ---- visitor (kyaml merge2.Merger) ------------------------------------------------------

  private static void setComments(Node dest, Node origin) {
    if (dest == null || origin == null) {
      return;
    }
    if (!origin.footComment().isEmpty()) {
      dest.footComment(origin.footComment());
    }
    if (!origin.headComment().isEmpty()) {
      dest.headComment(origin.headComment());
    }
    if (!origin.lineComment().isEmpty()) {
      dest.lineComment(origin.lineComment());
    }
  }

  private static void setStyle(Node dest, Node origin) {
    if (dest == null || origin == null) {
      return;
    }
    boolean empty = (dest instanceof MapNode m && m.isEmpty()) || (dest instanceof SeqNode s && s.items().isEmpty());
    if (empty) {
      copyStyle(origin, dest);
    }
  }

  private Node visitMap(Node dest, Node origin) throws KustomizeException {
    setComments(dest, origin);
    setStyle(dest, origin);
    if (YamlValues.missingOrNull(dest)) {
      Directive ps = Directive.MERGE;
      try {
        ps = directive(origin);
      } catch (KustomizeException ignored) {
        ps = Directive.UNKNOWN;
      }
      if (ps == Directive.DELETE) {
        return null;
      }
      if (origin == null && dest != null && dest instanceof ScalarNode s && !s.value().isEmpty()) {
        ScalarNode keep = new ScalarNode(s.value(), Tags.NULL, ScalarStyle.PLAIN);
        persistentNulls.add(keep);
        return keep;
      }
      return origin;
    }
    if (YamlValues.isNull(origin) || (origin != null && Tags.NULL.equals(origin.tag()))) {
      return null;
    }
    switch (directive(origin)) {
      case DELETE:
        return null;
      case REPLACE:
        return origin;
      default:
        return dest;
    }
  }

  private static Node visitScalar(Node dest, Node origin) {
    setComments(dest, origin);
    setStyle(dest, origin);
    return origin != null ? origin : dest;
  }

  private Node visitList(Node dest, Node origin, boolean associative) throws KustomizeException {
    setComments(dest, origin);
    setStyle(dest, origin);
    if (!associative) {
      return origin != null ? origin : dest;
    }
    if (YamlValues.missingOrNull(dest)) {
      return origin;
    }
    if (origin != null && Tags.NULL.equals(origin.tag())) {
      return null;
    }
    switch (directive(origin)) {
      case DELETE:
        return null;
      case REPLACE:
        return origin;
      default:
        return dest;
    }
  }

  // ---- $patch directives -------------------------------------------------------------------

  enum Directive { UNKNOWN, REPLACE, DELETE, MERGE }

  private static final String PATCH_KEY = "$patch";

  /** kyaml {@code determineSmpDirective}; removes the directive from the patch as it does. */
  private static Directive directive(Node patch) throws KustomizeException {
    if (patch == null) {
      return Directive.MERGE;
    }
    if (patch instanceof SeqNode seq) {
      MapNode holder = null;
      for (Node item : seq.items()) {
        if (item instanceof MapNode m && m.has(PATCH_KEY)) {
          holder = m;
          break;
        }
      }
      if (holder == null || holder.entries().size() > 1) {
        return Directive.MERGE;
      }
      String v = holder.get(PATCH_KEY) instanceof ScalarNode s ? s.value() : "";
      Directive d = parseDirective(v);
      elementSetter(seq, null, List.of(PATCH_KEY), List.of(v));
      return d;
    }
    if (patch instanceof MapNode map) {
      Node node = map.get(PATCH_KEY);
      if (node == null) {
        return Directive.MERGE;
      }
      String v = node instanceof ScalarNode s ? s.value() : "";
      Directive d = parseDirective(v);
      map.remove(PATCH_KEY);
      return d;
    }
    throw new KustomizeException("no implemented strategic merge patch strategy for '"
        + shortTag(patch.tag()) + "' ('" + ((ScalarNode) patch).value() + "')");
  }

  private static Directive parseDirective(String v) throws KustomizeException {
    return switch (v) {
      case "delete" -> Directive.DELETE;
      case "replace" -> Directive.REPLACE;
      case "merge" -> Directive.MERGE;
      default -> throw new KustomizeException("unknown patch strategy '" + v + "'");
    };
  }

  private static String shortTag(String tag) {
    return tag != null && tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring(18) : tag;
  }

  // ---- associative lists -------------------------------------------------------------------

  private Node walkAssociative(Node dest, Node origin, MergeSchema schema, String path)
      throws KustomizeException {
    Node d = visitList(dest, origin, true);
    if (d == null) {
      return null;
    }
    dest = d;
    List<String> keys = new ArrayList<>(schema.keys());
    List<List<String>> values = elementValues(dest, origin, keys);
    if (!values.isEmpty() || !keys.isEmpty()) {
      return setAssociativeElements(dest, origin, schema, values, keys, path);
    }
    return setAssociativeElements(dest, origin, schema, primitiveValues(dest, origin), List.of(""), path);
  }

  private static List<List<String>> elementValues(Node dest, Node origin, List<String> keys) {
    List<List<String>> result = new ArrayList<>();
    for (Node src : new Node[] {origin, dest}) {
      if (!(src instanceof SeqNode seq)) {
        continue;
      }
      for (Node item : seq.items()) {
        List<String> vals = new ArrayList<>();
        for (String key : keys) {
          Node field = item instanceof MapNode m ? m.get(key) : null;
          vals.add(nilOrEmpty(field) ? "" : scalarValue(field));
        }
        if (vals.isEmpty() || result.contains(vals)) {
          continue;
        }
        result.add(vals);
      }
    }
    return result;
  }

  private static List<List<String>> primitiveValues(Node dest, Node origin) {
    List<List<String>> result = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Node src : new Node[] {origin, dest}) {
      if (!(src instanceof SeqNode seq)) {
        continue;
      }
      for (Node item : seq.items()) {
        String v = scalarValue(item);
        if (seen.add(v)) {
          result.add(List.of(v));
        }
      }
    }
    return result;
  }

  static String scalarValue(Node n) {
    return n instanceof ScalarNode s ? s.value() : "";
  }

  /** kyaml {@code IsYNodeNilOrEmpty} (the zero check included). */
  static boolean nilOrEmpty(Node n) {
    return n == null || Tags.NULL.equals(n.tag()) || (n instanceof MapNode m && m.isEmpty())
        || (n instanceof SeqNode s && s.items().isEmpty())
       ;
  }

  private Node setAssociativeElements(Node dest, Node origin, MergeSchema schema,
      List<List<String>> valuesList, List<String> keys, String path) throws KustomizeException {
    SeqNode itemsToBeAdded = new SeqNode();
    MergeSchema elemSchema = schema.elements();
    valuesList = new ArrayList<>(valuesList);
    if (keys.size() > 1) {
      mergeValues(valuesList);
    }
    List<String> validKeys = null;
    List<String> validValues;
    for (List<String> values : valuesList) {
      if (values.isEmpty()) {
        continue;
      }
      List<List<String>> kv = validateKeys(valuesList, values, keys);
      validKeys = kv.get(0);
      validValues = kv.get(1);
      Node val = walk(elementList(dest, validKeys, validValues), elementList(origin, validKeys, validValues),
          elemSchema, path);
      boolean exit = false;
      for (int i = 0; i < validKeys.size(); i++) {
        String key = validKeys.get(i);
        if (YamlValues.missingOrNull(val) || (val instanceof MapNode m && m.isEmpty())) {
          if (dest instanceof SeqNode ds) {
            elementSetter(ds, null, validKeys, validValues);
          }
          exit = true;
        } else if (fieldOf(val, key) == null && !validValues.get(i).isEmpty()) {
          setFieldPlain(val, key, validValues.get(i));
        }
      }
      if (exit) {
        continue;
      }
      elementSetter(itemsToBeAdded, val, validKeys, validValues);
    }
    Node result = dest;
    if (!valuesList.isEmpty()) {
      result = appendListNode(itemsToBeAdded, (SeqNode) dest, validKeys);
    }
    if (YamlValues.missingOrNull(result)) {
      return null;
    }
    return result;
  }

  private static Node fieldOf(Node node, String key) {
    return node instanceof MapNode m ? m.get(key) : null;
  }

  /** kyaml {@code SetField(key, NewScalarRNode(value))} on a list element. */
  private void setFieldPlain(Node target, String key, String value) {
    ScalarNode v = YamlValues.isYaml11NonString(value)
        ? new ScalarNode(value, Tags.STR, ScalarStyle.DOUBLE_QUOTED) : YamlValues.untagged(value);
    if (key.isEmpty()) {
      if (target instanceof ScalarNode s) {
        // SetYNode: the element takes the new node, keeping only its style
        s.value(v.value());
        s.headComment("");
        s.lineComment("");
        s.footComment("");
        s.tagExplicit(false);
        s.anchor(null);
      }
      return;
    }
    if (target instanceof MapNode m) {
      setField(m, key, v, null);
    }
  }

  private static void mergeValues(List<List<String>> valuesList) {
    for (int i = 0; i < valuesList.size(); i++) {
      List<String> values1 = valuesList.get(i); // Go's range variable: not refreshed by the inner loop
      for (int j = 0; j < valuesList.size(); j++) {
        List<String> merged = match(values1, valuesList.get(j));
        if (merged != null) {
          valuesList.set(i, merged);
          valuesList.set(j, merged);
        }
      }
    }
  }

  private static List<String> match(List<String> a, List<String> b) {
    if (a.size() != b.size()) {
      return null;
    }
    boolean common = false;
    List<String> res = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).equals(b.get(i))) {
        common = true;
        res.add(a.get(i));
        continue;
      }
      if (!a.get(i).isEmpty() && !b.get(i).isEmpty()) {
        return null;
      }
      res.add(a.get(i).isEmpty() ? b.get(i) : a.get(i));
    }
    return common ? res : null;
  }

  private static List<List<String>> validateKeys(List<List<String>> valuesList, List<String> values,
      List<String> keys) {
    Set<String> validKeySet = new java.util.HashSet<>();
    for (List<String> vs : valuesList) {
      for (int i = 0; i < vs.size(); i++) {
        if (!vs.get(i).isEmpty()) {
          validKeySet.add(keys.get(i));
        }
      }
    }
    if (validKeySet.isEmpty()) {
      return List.of(keys, values);
    }
    List<String> validKeys = new ArrayList<>();
    for (String k : keys) {
      if (validKeySet.contains(k)) {
        validKeys.add(k);
      }
    }
    List<String> validValues = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).isEmpty() || validKeySet.contains(keys.get(i))) {
        validValues.add(values.get(i));
      }
    }
    return List.of(validKeys, validValues);
  }

  /** kyaml {@code RNode.ElementList}: the first element matching all key values. */
  private static Node elementList(Node source, List<String> keys, List<String> values) {
    List<List<String>> kv = validateKeys(List.of(values), values, keys);
    keys = kv.get(0);
    values = kv.get(1);
    if (!(source instanceof SeqNode seq)) {
      return null;
    }
    if (keys.isEmpty() || keys.get(0).isEmpty()) {
      String v = values.isEmpty() ? "" : values.get(0);
      for (Node item : seq.items()) {
        if (scalarValue(item).equals(v)) {
          return item;
        }
      }
      return null;
    }
    if (keys.size() != values.size()) {
      return null;
    }
    for (Node item : seq.items()) {
      if (!(item instanceof MapNode m)) {
        continue;
      }
      boolean all = true;
      for (int i = 0; i < keys.size(); i++) {
        if (!matchField(m, keys.get(i), values.get(i))) {
          all = false;
          break;
        }
      }
      if (all) {
        return item;
      }
    }
    return null;
  }

  private static boolean matchField(MapNode m, String key, String value) {
    boolean found = false;
    for (MapNode.Entry e : m.entries()) {
      if (e.key().value().equals(key) && scalarValue(e.value()).equals(value)) {
        found = true;
      }
    }
    return found;
  }

  /** kyaml {@code ElementSetter}. */
  static void elementSetter(SeqNode seq, Node element, List<String> keys, List<String> values) {
    if (keys.isEmpty()) {
      keys = List.of("");
    }
    boolean mappingSetter = !keys.get(0).isEmpty() && !values.isEmpty() && !values.get(0).isEmpty();
    List<Node> newContent = new ArrayList<>();
    boolean matched = false;
    for (Node item : seq.items()) {
      if (YamlValues.missingOrNull(item) || (item instanceof MapNode m && m.isEmpty())) {
        continue;
      }
      if (!(item instanceof MapNode) && mappingSetter) {
        newContent.add(item);
        continue;
      }
      boolean found = true;
      // as kyaml: a key without a value (fewer values than keys) keeps the previous key's result,
      // so an element lacking a later key (a port without protocol) is matched by the earlier ones
      boolean ok = false;
      for (int j = 0; j < keys.size(); j++) {
        if (j < values.size()) {
          ok = fieldMatches(item, keys.get(j), values.get(j));
        }
        if (!ok) {
          found = false;
          break;
        }
      }
      if (!found) {
        if (!values.isEmpty()) {
          newContent.add(item);
        }
        continue;
      }
      matched = true;
      if (element == null) {
        continue;
      }
      newContent.add(element);
    }
    seq.items().clear();
    seq.items().addAll(newContent);
    if (YamlValues.missingOrNull(element)) {
      return;
    }
    if (!matched) {
      seq.items().add(element);
    }
  }

  /** kyaml {@code FieldMatcher{Name, StringValue}}. */
  private static boolean fieldMatches(Node item, String key, String value) {
    if (YamlValues.missingOrNull(item)) {
      return false;
    }
    if (key.isEmpty()) {
      if (!(item instanceof ScalarNode s)) {
        return false;
      }
      return s.value().equals(value);
    }
    if (!(item instanceof MapNode m)) {
      return false;
    }
    if (value.isEmpty()) {
      return m.has(key);
    }
    return matchField(m, key, value);
  }

  /** kyaml walker's {@code appendListNode}: {@code src} elements set into {@code dst}. */
  private static SeqNode appendListNode(SeqNode dst, SeqNode src, List<String> keys) {
    for (Node elem : new ArrayList<>(src.items())) {
      if (keys.get(0).isEmpty()) {
        elementSetter(dst, elem, List.of(""), List.of(scalarValue(elem)));
        continue;
      }
      List<String> v = new ArrayList<>();
      for (String key : keys) {
        Node valueNode = elem instanceof MapNode m ? m.get(key) : null;
        if (valueNode == null) {
          dst.items().add(elem);
          continue;
        }
        v.add(scalarValue(valueNode));
      }
      if (keys.size() > 1) {
        elementSetter(dst, null, keys, v);
      }
      elementSetter(dst, elem, keys, v);
    }
    return dst;
  }
}
