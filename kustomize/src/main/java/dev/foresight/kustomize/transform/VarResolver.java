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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's {@code vars}: each var names an object (objref) and a field (fieldref, default
 * metadata.name); {@code $(NAME)} in the varReference fields is replaced by that field's value.
 * A field that is exactly {@code $(NAME)} takes the value's type (int, bool, float).
 */
public final class VarResolver {

  record Var(String name, Gvk gvk, String objName, String objNamespace, String fieldPath) {
    @Override
    public String toString() {
      return "{" + name + " " + gvk + "/" + objName + (objNamespace.isEmpty() ? "" : "." + objNamespace)
          + " " + fieldPath + "}";
    }
  }

  private final List<Var> vars;
  private final List<FieldSpec> specs;

  private VarResolver(List<Var> vars, List<FieldSpec> specs) {
    this.vars = vars;
    this.specs = specs;
  }

  public static VarResolver of(List<MapNode> nodes, List<FieldSpec> specs) throws KustomizeException {
    List<Var> vars = new ArrayList<>();
    for (MapNode n : nodes) {
      Var var = parse(n);
      for (Var v : vars) {
        if (v.name().equals(var.name())) {
          throw new KustomizeException("var '" + var.name() + "' already encountered");
        }
      }
      vars.add(var);
    }
    return new VarResolver(vars, specs);
  }

  static Var parse(MapNode n) throws KustomizeException {
    String name = JsonFields.string(n, "name");
    if (name.isEmpty()) {
      throw new KustomizeException("vars: each var needs a name");
    }
    Node objNode = JsonFields.get(n, "objref");
    MapNode obj = objNode instanceof MapNode m ? m : new MapNode();
    Gvk gvk = new Gvk(JsonFields.string(obj, "group"), JsonFields.string(obj, "version"),
        JsonFields.string(obj, "kind"));
    String apiVersion = JsonFields.string(obj, "apiVersion");
    if (!apiVersion.isEmpty()) {
      String[] parts = apiVersion.split("/", -1);
      if (parts.length == 2) {
        gvk = new Gvk(parts[0], parts[1], gvk.kind());
      } else if (parts.length == 1) {
        gvk = new Gvk(gvk.group(), parts[0], gvk.kind());
      }
    }
    Node fieldref = JsonFields.get(n, "fieldref");
    String path = fieldref instanceof MapNode m ? JsonFields.string(m, "fieldPath") : "";
    return new Var(name, gvk, JsonFields.string(obj, "name"), JsonFields.string(obj, "namespace"),
        path.isEmpty() ? "metadata.name" : path);
  }

  /**
   * kustomize's MergeVars, run by the kustomization that declares {@code var} over what it has
   * accumulated so far: the one resource whose current or any previous id matches the objref
   * (group, version, kind and name; the namespace too when the objref gives one or the kind is
   * cluster-scoped) records the var's name, and the var later takes its value from that resource.
   * No match binds nothing (resolving then fails unless an outer kustomization re-declares it);
   * more than one is an error.
   */
  public static void bind(ResourceList resources, MapNode var) throws KustomizeException {
    Var v = parse(var);
    ResId target = new ResId(v.gvk().group(), v.gvk().version(), v.gvk().kind(), v.objNamespace(), v.objName());
    boolean withNamespace = !v.objNamespace().isEmpty() || Gvk.isClusterScoped(target);
    List<Resource> matched = new ArrayList<>();
    for (Resource r : resources) {
      List<ResId> ids = new ArrayList<>(r.previousIds());
      ids.add(r.id());
      for (ResId id : ids) {
        boolean gvkn = id.name().equals(target.name()) && Gvk.of(id).equals(v.gvk());
        if (gvkn && (!withNamespace || Gvk.effectiveNamespace(id).equals(Gvk.effectiveNamespace(target)))) {
          matched.add(r);
          break;
        }
      }
    }
    if (matched.size() > 1) {
      throw new KustomizeException("found " + matched.size() + " resId matches for var " + v
          + " (unable to disambiguate; give the objref a namespace, or declare the var where only one "
          + "resource matches)");
    }
    if (matched.size() == 1) {
      matched.get(0).refVarNames().add(v.name());
    }
  }

  public void apply(ResourceList resources) throws KustomizeException {
    if (vars.isEmpty()) {
      return;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Var v : vars) {
      values.put(v.name(), valueOf(v, resources));
    }
    for (Resource r : resources) {
      for (FieldSpec fs : specs) {
        FieldWalker.apply(r.node(), fs, FieldWalker.Kind.NONE, null, slot -> replace(slot, values));
      }
    }
  }

  private static Object valueOf(Var v, ResourceList resources) throws KustomizeException {
    Resource source = null;
    for (Resource r : resources) {
      if (r.refVarNames().contains(v.name())) {
        source = r;
        break;
      }
    }
    if (source == null) {
      throw new KustomizeException("var '" + v + "' cannot be mapped to a field in the set of known resources");
    }
    List<Resource> matched = List.of(source);
    Node node = Replacements.lookup(matched.get(0).node(), Replacements.splitPath(v.fieldPath(), true));
    if (node == null) {
      throw new KustomizeException("field specified in var '" + v + "' not found in corresponding resource");
    }
    if (node instanceof ScalarNode s) {
      String tag = s.tag() == null ? Tags.STR : s.tag();
      try {
        return switch (tag) {
          case Tags.INT -> Long.parseLong(s.value());
          case Tags.FLOAT -> Double.parseDouble(s.value());
          case Tags.BOOL -> Boolean.parseBoolean(s.value());
          default -> s.value();
        };
      } catch (NumberFormatException e) {
        return s.value();
      }
    }
    return node;
  }

  private static void replace(FieldWalker.Slot slot, Map<String, Object> values) throws KustomizeException {
    Node node = slot.get();
    if (node == null || node instanceof ScalarNode s && s.isNull()) {
      return;
    }
    if (node instanceof ScalarNode s) {
      if (isString(s)) {
        slot.set(updated(expand(s.value(), values)));
      }
    } else if (node instanceof MapNode map) {
      for (MapNode.Entry e : map.entries()) {
        if (e.value() instanceof ScalarNode s && isString(s)) {
          e.value(updated(expand(s.value(), values)));
        }
      }
    } else if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        if (!(seq.items().get(i) instanceof ScalarNode s) || !isString(s)) {
          throw new KustomizeException("invalid value type expect a string");
        }
        seq.items().set(i, updated(expand(s.value(), values)));
      }
    }
  }

  private static boolean isString(ScalarNode s) {
    return s.tag() == null || Tags.STR.equals(s.tag());
  }

  private static ScalarNode updated(Object value) {
    if (value instanceof Long l) {
      return new ScalarNode(Long.toString(l), Tags.INT, ScalarStyle.PLAIN);
    }
    if (value instanceof Boolean b) {
      return new ScalarNode(Boolean.toString(b), Tags.BOOL, ScalarStyle.PLAIN);
    }
    if (value instanceof Double d) {
      String text = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
      return new ScalarNode(text, Tags.FLOAT, ScalarStyle.PLAIN);
    }
    return new ScalarNode(String.valueOf(value), Tags.STR, ScalarStyle.PLAIN);
  }

  /** kustomize's DoReplacements: {@code $(NAME)} expands, {@code $$} is a literal {@code $}. */
  static Object expand(String input, Map<String, Object> values) {
    StringBuilder buf = new StringBuilder();
    int checkpoint = 0;
    for (int cursor = 0; cursor < input.length(); cursor++) {
      if (input.charAt(cursor) == '$' && cursor + 1 < input.length()) {
        buf.append(input, checkpoint, cursor);
        String rest = input.substring(cursor + 1);
        String read;
        boolean isVar = false;
        int advance = 1;
        char c = rest.charAt(0);
        if (c == '$') {
          read = "$";
        } else if (c == '(') {
          int close = rest.indexOf(')', 1);
          if (close > 0) {
            read = rest.substring(1, close);
            isVar = true;
            advance = close + 1;
          } else {
            read = "$(";
          }
        } else {
          read = "$" + c;
        }
        if (isVar) {
          Object mapped = mapping(read, values);
          if (input.equals("$(" + read + ")")) {
            return mapped;
          }
          buf.append(mapped instanceof Double d
              ? new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() : String.valueOf(mapped));
        } else {
          buf.append(read);
        }
        cursor += advance;
        checkpoint = cursor + 1;
      }
    }
    return buf.append(input.substring(Math.min(checkpoint, input.length()))).toString();
  }

  private static Object mapping(String key, Map<String, Object> values) {
    Object v = values.get(key);
    if (v == null || v instanceof Node) {
      return "$(" + key + ")";
    }
    return v;
  }
}
