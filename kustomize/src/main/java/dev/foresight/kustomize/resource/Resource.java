package dev.foresight.kustomize.resource;

import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Kubernetes object being built: its YAML tree plus what kustomize tracks beside it (where it
 * came from, the ids it had before prefixes/suffixes/namespaces changed it, generator options).
 */
public final class Resource {

  private final MapNode node;
  private final List<ResId> previousIds = new ArrayList<>();
  private String origin;
  private GeneratorBehavior behavior = GeneratorBehavior.NONE;
  private boolean needsHashSuffix;
  private final List<String> namePrefixes = new ArrayList<>();
  private final List<String> nameSuffixes = new ArrayList<>();
  private final List<String> refVarNames = new ArrayList<>();

  public Resource(MapNode node, String origin) {
    this.node = Objects.requireNonNull(node, "node");
    this.origin = origin;
  }

  /** The live YAML tree. */
  public MapNode node() {
    return node;
  }

  public String apiVersion() {
    return string(node, "apiVersion");
  }

  public String kind() {
    return string(node, "kind");
  }

  public String name() {
    return string(node.getMap("metadata"), "name");
  }

  public String namespace() {
    return string(node.getMap("metadata"), "namespace");
  }

  /** The current id (computed from the tree each time: transformers edit the tree directly). */
  public ResId id() {
    MapNode metadata = node.getMap("metadata");
    return ResId.of(apiVersion(), kind(), string(metadata, "namespace"), string(metadata, "name"));
  }

  /** The metadata map (created when missing). */
  public MapNode metadata() {
    return node.getOrCreateMap("metadata");
  }

  /** Sets metadata.name, remembering the previous id for name-reference fixing. */
  public void rename(String newName) {
    previousIds.add(id());
    metadata().put("name", newName);
  }

  /** Sets metadata.namespace, remembering the previous id. */
  public void moveToNamespace(String namespace) {
    previousIds.add(id());
    metadata().put("namespace", namespace);
  }

  /** metadata.labels or metadata.annotations as a plain map (empty when absent). */
  public Map<String, String> stringMap(String metadataField) {
    Map<String, String> out = new LinkedHashMap<>();
    MapNode map = metadata().getMap(metadataField);
    if (map != null) {
      map.entries().forEach(e -> out.put(e.key().value(), e.value().toString()));
    }
    return out;
  }

  /** Ids this resource had before transformers renamed or moved it, oldest first. */
  public List<ResId> previousIds() {
    return previousIds;
  }

  /**
   * namePrefix values applied to this resource, oldest first (kustomize keeps them in a build
   * annotation); name-reference fixing uses them to tell apart same-named candidates. Live list.
   */
  public List<String> namePrefixes() {
    return namePrefixes;
  }

  /** nameSuffix values applied, oldest first (see {@link #namePrefixes()}). Live list. */
  public List<String> nameSuffixes() {
    return nameSuffixes;
  }

  /**
   * Names of the vars whose objref matched this resource when the declaring kustomization merged
   * them (kustomize's refVarNames); vars take their values from here. Live list.
   */
  public List<String> refVarNames() {
    return refVarNames;
  }

  /** Where it came from (file path in the tree, or generator), for errors and buildMetadata. */
  public String origin() {
    return origin;
  }

  public void origin(String origin) {
    this.origin = origin;
  }

  public GeneratorBehavior behavior() {
    return behavior;
  }

  public void behavior(GeneratorBehavior behavior) {
    this.behavior = behavior;
  }

  /** A generated ConfigMap/Secret whose name gets the content hash suffix at the end of the build. */
  public boolean needsHashSuffix() {
    return needsHashSuffix;
  }

  public void needsHashSuffix(boolean needsHashSuffix) {
    this.needsHashSuffix = needsHashSuffix;
  }

  /** A deep copy (tree and tracking state). */
  public Resource copy() {
    Resource copy = new Resource(node.copy(), origin);
    copy.previousIds.addAll(previousIds);
    copy.behavior = behavior;
    copy.needsHashSuffix = needsHashSuffix;
    copy.namePrefixes.addAll(namePrefixes);
    copy.nameSuffixes.addAll(nameSuffixes);
    copy.refVarNames.addAll(refVarNames);
    return copy;
  }

  private static String string(MapNode map, String key) {
    if (map == null) {
      return "";
    }
    Node value = map.get(key);
    return value == null ? "" : value.toString();
  }

  @Override
  public String toString() {
    return id().toString();
  }
}
