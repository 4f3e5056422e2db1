package dev.foresight.renderer.tree;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.OverlayFileTree;
import dev.foresight.renderer.closure.Closure;
import dev.foresight.renderer.closure.ClosureCollector;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.flux.FluxKustomization;
import dev.foresight.renderer.flux.SubstitutionSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GitRepository artifacts of one walk: each Flux Kustomization whose source is a GitRepository
 * builds from {@link SourceArtifactTree} of the source's tree, with the {@code spec.ignore} of the
 * GitRepository object its {@code sourceRef} names when that object is known (rendered by an
 * ancestor or the entry, or a file of the repository), else with the {@code .sourceignore} files
 * and defaults only. One view per tree and {@code spec.ignore} (with where it was found: its
 * messages name it), so the {@code .sourceignore} files are read once per walk, or once for all the
 * profile walks of one side when the caller shares one instance among them (thread-safe).
 */
public final class SourceArtifacts {

  /** How to make an excluded file part of the artifact again. */
  static final String HOW_TO_FIX = "kustomize-controller only gets the artifact, so its build fails the same way:"
      + " remove or narrow that pattern (or add a '!' pattern after it), or stop referring to it";

  private final Map<FileTree, Map<String, SourceArtifactTree>> views = new IdentityHashMap<>();

  /** The artifact of {@code tree} with no {@code spec.ignore} (a profile's entry directory). */
  synchronized SourceArtifactTree plain(FileTree tree) throws IOException {
    return view(tree, null, null);
  }

  /** The artifact {@code ks} builds from when its source's repository tree is {@code tree}. */
  SourceArtifactTree of(FileTree tree, FluxKustomization ks, SubstitutionSources objects) throws IOException {
    String id = ks.sourceNamespace() + "/" + ks.sourceName();
    Optional<SubstitutionSources.Found> found = objects.find("GitRepository", ks.sourceNamespace(), ks.sourceName());
    String ignore = found.map(f -> specIgnore(f.object())).orElse(null);
    String origin = "spec.ignore of GitRepository " + id + found.map(f -> " (" + f.where() + ")").orElse("");
    return view(tree, ignore, origin);
  }

  private synchronized SourceArtifactTree view(FileTree tree, String ignore, String origin) throws IOException {
    Map<String, SourceArtifactTree> byIgnore = views.computeIfAbsent(tree, t -> new HashMap<>());
    // spec.ignore's origin is part of the view (its messages name it): views for the same text
    // found at different places (e.g. by concurrent profile walks) are distinct
    String key = ignore == null ? "\0unset" : ignore + "\0" + origin;
    SourceArtifactTree view = byIgnore.get(key);
    if (view == null) {
      view = SourceArtifactTree.of(tree, ignore, origin);
      byIgnore.put(key, view);
    }
    return view;
  }

  private static String specIgnore(Map<?, ?> gitRepository) {
    return gitRepository.get("spec") instanceof Map<?, ?> spec && spec.get("ignore") instanceof String text
        ? text : null;
  }

  /**
   * When the build of {@code dir} failed: the files it refers to that the repository has but the
   * artifact leaves out, each with the pattern that excludes it and how to fix it; empty when none.
   */
  static String excluded(FileTree build, String dir) {
    FileTree base = build instanceof OverlayFileTree overlay ? overlay.base() : build;
    if (!(base instanceof SourceArtifactTree artifact)) {
      return "";
    }
    List<String> found = new ArrayList<>();
    try {
      Closure closure = ClosureCollector.collect(build, dir);
      List<String> paths = new ArrayList<>(closure.files());
      paths.addAll(closure.trees());
      for (String path : paths) {
        String why = artifact.whyExcluded(path);
        if (why != null) {
          found.add(path + " is in the repository but not in the GitRepository's artifact: " + why);
        }
      }
    } catch (IOException | RuntimeException e) {
      return "";
    }
    return found.isEmpty() ? "" : " (" + String.join("; ", found) + "; " + HOW_TO_FIX + ")";
  }
}
