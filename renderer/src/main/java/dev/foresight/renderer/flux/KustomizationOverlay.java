package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.OverlayFileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What kustomize-controller does to {@code spec.path} before {@code kustomize build} (fluxcd/pkg
 * {@code Generator.GenerateManifest}): finds the kustomization file or generates one
 * ({@link GeneratedKustomization}), then sets {@code namespace} from {@code spec.targetNamespace},
 * {@code namePrefix}/{@code nameSuffix}, appends {@code spec.patches} (with target selectors),
 * {@code spec.components} (skipping missing ones when {@code ignoreMissingComponents}),
 * merges {@code spec.images} into existing entries of the same name, and sets
 * {@code buildMetadata}. Like Flux, an existing kustomization without {@code resources} gets
 * {@code buildMetadata: [originAnnotations]}.
 *
 * <p>{@code spec.patchesStrategicMerge} and {@code spec.patchesJson6902} are still read by the
 * generator, but kustomize-controller hands it the typed {@code kustomize.toolkit.fluxcd.io/v1}
 * object (the only served version), which has no such fields: the API server prunes them and they
 * never apply. They are ignored here too, and {@link #ignoredFields} names them for a warning.
 *
 * <p>The result is the source tree itself when Flux would not change what kustomize builds, else
 * an {@link OverlayFileTree} with the rewritten kustomization file. Pure: no I/O beyond the tree.
 */
public final class KustomizationOverlay {

  private static final List<String> REMOTE_PREFIXES =
      List.of("git::", "gh:", "ssh://", "https://", "http://", "git@", "github.com:", "github.com/");

  private KustomizationOverlay() {}

  /**
   * The tree kustomize must build {@code dir} of, for a Flux Kustomization with {@code spec}.
   *
   * @throws IllegalArgumentException when the spec cannot apply (a remote or absolute component)
   */
  public static FileTree apply(FileTree tree, String dir, Map<String, Object> spec) throws IOException {
    String path = TreePath.normalize(dir);
    String existing = GeneratedKustomization.existing(tree, path);
    boolean generated = existing == null;
    String file = generated ? TreePath.resolve(path, GeneratedKustomization.FILE_NAMES.get(0)) : existing;
    String original = generated ? GeneratedKustomization.generate(tree, path)
        : new String(tree.read(existing).orElseThrow(), StandardCharsets.UTF_8);
    Map<String, Object> kus;
    try {
      kus = copy(FluxYaml.map(FluxYaml.load(original)));
    } catch (RuntimeException e) {
      return tree; // kustomize reports the broken file with its name and line
    }
    boolean changed = generated;
    if (!generated && FluxYaml.list(kus.get("resources")).isEmpty()) {
      kus.put("buildMetadata", new ArrayList<>(List.of("originAnnotations")));
      changed = true;
    }
    changed |= set(kus, "namespace", spec.get("targetNamespace"));
    changed |= set(kus, "namePrefix", spec.get("namePrefix"));
    changed |= set(kus, "nameSuffix", spec.get("nameSuffix"));
    for (Object p : FluxYaml.list(spec.get("patches"))) {
      Map<?, ?> patch = FluxYaml.map(p);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("patch", patch.get("patch") == null ? "" : String.valueOf(patch.get("patch")));
      putTarget(entry, patch.get("target"));
      append(kus, "patches", entry);
      changed = true;
    }
    boolean ignoreMissing = Boolean.TRUE.equals(spec.get("ignoreMissingComponents"));
    for (Object c : FluxYaml.list(spec.get("components"))) {
      String component = String.valueOf(c);
      if (!isLocalRelative(component)) {
        throw new IllegalArgumentException("component path '" + component + "' must be local and relative");
      }
      if (ignoreMissing && !exists(tree, path, component)) {
        continue;
      }
      append(kus, "components", component);
      changed = true;
    }
    for (Object i : FluxYaml.list(spec.get("images"))) {
      mergeImage(kus, FluxYaml.map(i));
      changed = true;
    }
    List<?> buildMetadata = FluxYaml.list(spec.get("buildMetadata"));
    if (!buildMetadata.isEmpty()) {
      kus.put("buildMetadata", new ArrayList<>(buildMetadata));
      changed = true;
    }
    if (!changed) {
      return tree;
    }
    kus.putIfAbsent("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kus.putIfAbsent("kind", "Kustomization");
    return OverlayFileTree.ofText(tree, Map.of(file, FluxYaml.dump(kus)));
  }

  /** Fields of {@code spec} that kustomize-controller never applies (not in the v1 API), for warnings. */
  public static List<String> ignoredFields(Map<String, Object> spec) {
    List<String> ignored = new ArrayList<>();
    for (String field : List.of("patchesStrategicMerge", "patchesJson6902")) {
      if (spec.containsKey(field)) {
        ignored.add("spec." + field + " is not part of kustomize.toolkit.fluxcd.io/v1: the API server prunes it and"
            + " kustomize-controller never applies it; use spec.patches");
      }
    }
    return ignored;
  }

  /** Flux's {@code IsLocalRelativePath}. */
  static boolean isLocalRelative(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    for (String prefix : REMOTE_PREFIXES) {
      if (prefix.length() < path.length() && lower.startsWith(prefix)) {
        return false;
      }
    }
    return !path.startsWith("/") && !(lower.startsWith("file://") && lower.substring(7).startsWith("/"));
  }

  private static boolean exists(FileTree tree, String dir, String relative) throws IOException {
    try {
      String target = TreePath.resolve(dir, relative);
      return tree.isDirectory(target) || tree.isFile(target);
    } catch (IllegalArgumentException escapes) {
      return false;
    }
  }

  /** Sets {@code key} when the spec field is a string (Go's {@code NestedString}); an empty value removes it. */
  private static boolean set(Map<String, Object> kus, String key, Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    if (text.isEmpty()) {
      kus.remove(key);
    } else {
      kus.put(key, text);
    }
    return true;
  }

  private static void putTarget(Map<String, Object> entry, Object target) {
    if (!(target instanceof Map<?, ?> selector)) {
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector")) {
      Object value = selector.get(key);
      if (value != null && !String.valueOf(value).isEmpty()) {
        out.put(key, String.valueOf(value));
      }
    }
    entry.put("target", out);
  }

  @SuppressWarnings("unchecked")
  private static void append(Map<String, Object> kus, String key, Object value) {
    Object current = kus.get(key);
    List<Object> list = current instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
    list.add(value);
    kus.put(key, list);
  }

  /** fluxcd/pkg: an entry of the same name gets newName when set, and newTag+digest when either is set. */
  private static void mergeImage(Map<String, Object> kus, Map<?, ?> image) {
    String name = text(image.get("name"));
    String newName = text(image.get("newName"));
    String newTag = text(image.get("newTag"));
    String digest = text(image.get("digest"));
    List<Object> images = new ArrayList<>(FluxYaml.list(kus.get("images")));
    for (int i = 0; i < images.size(); i++) {
      Map<String, Object> entry = copy(FluxYaml.map(images.get(i)));
      if (!name.equals(text(entry.get("name")))) {
        continue;
      }
      if (!newName.isEmpty()) {
        entry.put("newName", newName);
      }
      if (!newTag.isEmpty() || !digest.isEmpty()) {
        putOrRemove(entry, "newTag", newTag);
        putOrRemove(entry, "digest", digest);
      }
      images.set(i, entry);
      kus.put("images", images);
      return;
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("name", name);
    putOrRemove(entry, "newName", newName);
    putOrRemove(entry, "newTag", newTag);
    putOrRemove(entry, "digest", digest);
    images.add(entry);
    kus.put("images", images);
  }

  private static void putOrRemove(Map<String, Object> map, String key, String value) {
    if (value.isEmpty()) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  private static String text(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private static Map<String, Object> copy(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
