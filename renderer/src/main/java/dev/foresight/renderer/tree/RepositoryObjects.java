package dev.foresight.renderer.tree;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.FileTrees;
import dev.foresight.renderer.flux.FluxObjects;
import dev.foresight.renderer.flux.SubstitutionSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ConfigMaps, Secrets and sources (GitRepository, OCIRepository, Bucket) written in a
 * repository's YAML files, as written (not built): the last place {@code substituteFrom} looks,
 * where a GitRepository's {@code spec.ignore} is found when no Flux Kustomization renders it, and
 * where the URL of a source that is not fetched is read for its message. An object with the asked namespace wins over one
 * without namespace (its namespace usually comes from a kustomization); ties go to the first file
 * in path order.
 */
public final class RepositoryObjects implements SubstitutionSources {

  private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*[\"']?(ConfigMap|Secret|GitRepository|OCIRepository|Bucket)[\"']?\\s*$");

  private static final java.util.Set<String> KINDS = java.util.Set.of("ConfigMap", "Secret", "GitRepository",
      "OCIRepository", "Bucket");

  private record Entry(String kind, String namespace, String name, String path, Map<?, ?> object) {}

  private final List<Entry> entries;

  private RepositoryObjects(List<Entry> entries) {
    this.entries = entries;
  }

  /** Reads every {@code .yaml}/{@code .yml} file of {@code tree} that declares a ConfigMap, Secret or source. */
  public static RepositoryObjects scan(FileTree tree) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String path : FileTrees.walk(tree, "")) {
      if (!path.endsWith(".yaml") && !path.endsWith(".yml")) {
        continue;
      }
      List<Map<?, ?>> objects = FluxObjects.objectsOfFile(tree, path, KIND);
      for (Map<?, ?> object : objects) {
        Object kind = object.get("kind");
        if (KINDS.contains(kind)
            && object.get("metadata") instanceof Map<?, ?> meta
            && meta.get("name") != null) {
          Object ns = meta.get("namespace");
          entries.add(new Entry((String) kind, ns == null ? "" : String.valueOf(ns), String.valueOf(meta.get("name")),
              path, object));
        }
      }
    }
    return new RepositoryObjects(List.copyOf(entries));
  }

  @Override
  public Optional<Found> find(String kind, String namespace, String name) {
    Entry loose = null;
    for (Entry e : entries) {
      if (e.kind.equals(kind) && e.name.equals(name)) {
        if (e.namespace.equals(namespace)) {
          return Optional.of(new Found(e.object, "repository file " + e.path));
        }
        if (e.namespace.isEmpty() && loose == null) {
          loose = e;
        }
      }
    }
    return Optional.ofNullable(loose).map(e -> new Found(e.object, "repository file " + e.path));
  }
}
