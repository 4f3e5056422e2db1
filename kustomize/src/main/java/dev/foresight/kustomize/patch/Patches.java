package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.build.BuildContext;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.SeqNode;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayList;
import java.util.List;

/**
 * Patches a kustomization applies: {@code patchesStrategicMerge}, {@code patches} (strategic merge
 * or JSON 6902, inline or file, with target selectors and options) and {@code patchesJson6902},
 * as kustomize v5.5.0's builtin patch transformers do.
 */
public final class Patches {

  private Patches() {}

  /** {@code patchesStrategicMerge}: each entry a file path or inline YAML; target = the patch's own id. */
  public static void strategicMerge(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    SeqNode entries = list(kustomization, "patchesStrategicMerge", ctx);
    if (entries == null) {
      return;
    }
    for (Node entry : entries.items()) {
      String text = entry instanceof ScalarNode s ? s.value() : null;
      if (text == null) {
        throw KustomizeException.at(ctx.file(), "patchesStrategicMerge", entry.line(),
            "each entry must be a file path or an inline patch (a string)");
      }
      List<Resource> patches = inlineResources(text, ctx.file());
      if (patches == null) {
        patches = resources(Yaml.parseAll(ctx.read(text, "patchesStrategicMerge"), text), text);
      }
      for (Resource patch : patches) {
        Resource target = uniqueTarget(resources, patch.id());
        applySmPatchToSet(resources, List.of(target), patch, false, false);
      }
    }
  }

  /** {@code patches}: strategic merge or JSON 6902, with optional target and options. */
  public static void patches(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    SeqNode entries = list(kustomization, "patches", ctx);
    if (entries == null) {
      return;
    }
    for (Node entry : entries.items()) {
      if (!(entry instanceof MapNode m)) {
        throw KustomizeException.at(ctx.file(), "patches", entry.line(),
            "each entry must be a map with 'patch' or 'path' (and optional 'target', 'options')");
      }
      String patchText = m.getString("patch") == null ? "" : m.getString("patch").strip();
      String path = m.getString("path") == null ? "" : m.getString("path");
      String source;
      if (patchText.isEmpty() && path.isEmpty()) {
        throw KustomizeException.at(ctx.file(), "patches", m.line(), "must specify one of patch and path");
      } else if (!patchText.isEmpty() && !path.isEmpty()) {
        throw KustomizeException.at(ctx.file(), "patches", m.line(), "patch and path can't be set at the same time");
      } else if (!patchText.isEmpty()) {
        source = "[patch: " + quote(patchText) + "]";
      } else {
        patchText = ctx.read(path, "patches");
        source = "[path: " + quote(path) + "]";
      }
      MapNode target = m.getMap("target");
      MapNode options = m.getMap("options");
      boolean allowNameChange = option(options, "allowNameChange");
      boolean allowKindChange = option(options, "allowKindChange");
      List<Node> docs = Yaml.parseAll(patchText, path.isEmpty() ? ctx.file() : path);
      if (!docs.isEmpty() && docs.get(0) instanceof SeqNode) {
        if (target == null) {
          throw new KustomizeException("must specify a target for JSON patch " + source);
        }
        JsonPatch json;
        try {
          json = JsonPatch.decode(patchText, source);
        } catch (KustomizeException e) {
          if (!patchText.startsWith("[")) {
            throw e;
          }
          // kustomize: strict JSON failed and a list is no strategic merge patch either
          throw new KustomizeException("unable to parse SM or JSON patch from " + source + ": " + e.getMessage());
        }
        applyJson(resources, Selector.from(target), json, true);
        continue;
      }
      List<Resource> smPatches = resources(docs, source);
      if (smPatches.isEmpty()) {
        throw new KustomizeException("unable to parse SM or JSON patch from " + source);
      }
      if (target != null) {
        if (smPatches.size() > 1) {
          throw new KustomizeException("Multiple Strategic-Merge Patches in one `patches` entry is not "
              + "allowed to set `patches.target` field: " + source);
        }
        List<Resource> selected = Selector.from(target).select(resources.all());
        applySmPatchToSet(resources, selected, smPatches.get(0), allowNameChange, allowKindChange);
        continue;
      }
      for (Resource patch : smPatches) {
        Resource found;
        try {
          found = uniqueTarget(resources, patch.id());
        } catch (KustomizeException e) {
          throw new KustomizeException("no resource matches strategic merge patch \""
              + Ids.print(patch.id()) + "\": " + e.getMessage());
        }
        if (applySmPatch(found, patch, allowNameChange, allowKindChange)) {
          resources.all().remove(found);
        }
      }
    }
  }

  /** {@code patchesJson6902}: a target (name required) and a JSON patch in {@code path} or {@code patch}. */
  public static void json6902(ResourceList resources, MapNode kustomization, BuildContext ctx)
      throws KustomizeException {
    SeqNode entries = list(kustomization, "patchesJson6902", ctx);
    if (entries == null) {
      return;
    }
    for (Node entry : entries.items()) {
      if (!(entry instanceof MapNode m)) {
        throw KustomizeException.at(ctx.file(), "patchesJson6902", entry.line(),
            "each entry must be a map with 'target' and 'path' or 'patch'");
      }
      MapNode target = m.getMap("target");
      if (target == null || target.getString("name") == null || target.getString("name").isEmpty()) {
        throw KustomizeException.at(ctx.file(), "patchesJson6902", m.line(), "must specify the target name");
      }
      String path = m.getString("path");
      String op = m.getString("patch");
      if ((path == null || path.isEmpty()) && (op == null || op.isEmpty())) {
        throw KustomizeException.at(ctx.file(), "patchesJson6902", m.line(), "empty file path and empty jsonOp");
      }
      if (path != null && !path.isEmpty()) {
        if (op != null && !op.isEmpty()) {
          throw KustomizeException.at(ctx.file(), "patchesJson6902", m.line(),
              "must specify a file path or jsonOp, not both");
        }
        op = ctx.read(path, "patchesJson6902");
        if (op.isEmpty()) {
          throw KustomizeException.at(ctx.file(), "patchesJson6902", m.line(),
              "patch file '" + path + "' empty seems to be empty");
        }
      }
      JsonPatch json;
      try {
        json = JsonPatch.decode(op, path == null ? ctx.file() : path);
      } catch (KustomizeException e) {
        if (!op.startsWith("[")) {
          throw e;
        }
        throw KustomizeException.at(ctx.file(), "patchesJson6902", m.line(), "decoding " + op + ": " + e.getMessage());
      }
      if (json.isEmpty()) {
        throw KustomizeException.at(ctx.file(), "patchesJson6902", m.line(), "patch appears to be empty");
      }
      applyJson(resources, Selector.from(target), json, false);
    }
  }

  // ---- shared ------------------------------------------------------------------------------

  /**
   * Applies a JSON patch to every selected resource. The {@code patches} field (kustomize's
   * PatchTransformer) first remembers each target's current id, so a later patch may still find it
   * by the name it had before (a JSON patch may rename); the legacy {@code patchesJson6902} does not.
   */
  private static void applyJson(ResourceList resources, Selector selector, JsonPatch json, boolean storePreviousId)
      throws KustomizeException {
    for (Resource r : selector.select(resources.all())) {
      if (storePreviousId) {
        r.previousIds().add(r.id());
      }
      json.apply(r.node());
    }
  }

  /** kustomize's {@code ResMap.ApplySmPatch}: a copy of the patch per selected resource; emptied resources go. */
  static void applySmPatchToSet(ResourceList resources, List<Resource> selected, Resource patch,
      boolean allowNameChange, boolean allowKindChange) throws KustomizeException {
    List<Resource> remove = new ArrayList<>();
    for (Resource res : new ArrayList<>(resources.all())) {
      if (!selected.contains(res)) {
        continue;
      }
      MapNode copy = patch.node().copy();
      normalizePatchMetadata(copy);
      copy.put("apiVersion", ScalarNode.string(res.apiVersion()));
      copy.put("kind", ScalarNode.string(patch.kind()));
      if (applySmPatch(res, new Resource(copy, patch.origin()), allowNameChange, allowKindChange)) {
        remove.add(res);
      }
    }
    resources.all().removeAll(remove);
  }

  /** kustomize's {@code CopyMergeMetaDataFieldsFrom} on a patch copy: labels/annotations re-set sorted, as strings. */
  private static void normalizePatchMetadata(MapNode patch) {
    MapNode meta = patch.getOrCreateMap("metadata");
    for (String field : new String[] {"labels", "annotations"}) {
      MapNode map = meta.getMap(field);
      meta.remove(field);
      if (map == null || map.isEmpty()) {
        continue;
      }
      MapNode sorted = new MapNode();
      new java.util.TreeMap<String, String>(toStrings(map)).forEach((k, v) -> {
        ScalarNode value = ScalarNode.string(v);
        StrategicMerge.quoteIfYaml11NonString(value);
        sorted.put(k, value);
      });
      meta.put(field, sorted);
    }
    if (meta.get("namespace") instanceof ScalarNode ns && ns.value().isEmpty()) {
      meta.remove("namespace");
    }
  }

  private static java.util.Map<String, String> toStrings(MapNode map) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    map.entries().forEach(e -> out.put(e.key().value(),
        e.value() instanceof ScalarNode s && !s.isNull() ? s.value() : ""));
    return out;
  }

  /**
   * kustomize's {@code Resource.ApplySmPatch}: merges, then restores kind and name unless the
   * options allow changing them, and always the namespace. True when the patch deleted the resource.
   */
  static boolean applySmPatch(Resource res, Resource patch, boolean allowNameChange, boolean allowKindChange)
      throws KustomizeException {
    String name = res.name();
    String namespace = res.namespace();
    String kind = res.kind();
    if (allowNameChange || allowKindChange) {
      res.previousIds().add(res.id());
    }
    Node merged = StrategicMerge.merge(patch.node(), res.node());
    if (merged == null || (merged instanceof MapNode m && m.isEmpty())) {
      return true;
    }
    if (merged != res.node()) {
      MapNode m = (MapNode) merged;
      res.node().entries().clear();
      res.node().entries().addAll(m.entries());
    }
    if (!allowKindChange) {
      setScalar(res.node(), "kind", kind);
    }
    if (!allowNameChange) {
      setScalar(res.metadata(), "name", name);
    }
    if (namespace.isEmpty()) {
      MapNode meta = res.node().getMap("metadata");
      if (meta != null) {
        meta.remove("namespace");
      }
    } else {
      setScalar(res.metadata(), "namespace", namespace);
    }
    return false;
  }

  private static void setScalar(MapNode map, String key, String value) {
    if (map.get(key) instanceof ScalarNode s) {
      if (!s.value().equals(value)) {
        s.value(value);
      }
      return;
    }
    map.put(key, ScalarNode.string(value));
  }

  private static Resource uniqueTarget(ResourceList resources, ResId id) throws KustomizeException {
    List<Resource> matches = new ArrayList<>();
    for (Resource r : resources) {
      List<ResId> ids = new ArrayList<>(r.previousIds());
      ids.add(r.id());
      for (ResId candidate : ids) {
        if (Ids.same(candidate, id)) {
          matches.add(r);
          break;
        }
      }
    }
    if (matches.size() == 1) {
      return matches.get(0);
    }
    throw new KustomizeException((matches.isEmpty() ? "no matches for Id " : "multiple matches for Id ")
        + Ids.print(id) + "; failed to find unique target for patch " + Ids.print(id));
  }

  /** Inline YAML resources when {@code text} is one (kustomize tries this before reading a file). */
  private static List<Resource> inlineResources(String text, String file) {
    if (!text.contains("\n") && !text.contains(": ")) {
      return null;
    }
    try {
      List<Node> docs = Yaml.parseAll(text, file);
      if (docs.isEmpty() || !docs.stream().allMatch(d -> d instanceof MapNode)) {
        return null;
      }
      return resources(docs, "inline patch");
    } catch (KustomizeException e) {
      return null;
    }
  }

  private static List<Resource> resources(List<Node> docs, String source) throws KustomizeException {
    List<Resource> out = new ArrayList<>();
    for (Node doc : docs) {
      if (!(doc instanceof MapNode m)) {
        throw new KustomizeException("strategic merge patch " + source + " has a document that is not a map");
      }
      if (m.isEmpty()) {
        continue;
      }
      out.add(new Resource(m, source));
    }
    return out;
  }

  private static SeqNode list(MapNode kustomization, String field, BuildContext ctx) throws KustomizeException {
    Node node = kustomization.get(field);
    if (node == null || (node instanceof ScalarNode s && s.isNull())) {
      return null;
    }
    if (!(node instanceof SeqNode seq)) {
      throw KustomizeException.at(ctx.file(), field, node.line(), "must be a list");
    }
    return seq;
  }

  private static boolean option(MapNode options, String key) {
    return options != null && "true".equals(options.getString(key));
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
