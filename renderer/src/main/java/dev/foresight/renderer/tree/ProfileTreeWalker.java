package dev.foresight.renderer.tree;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.cache.CachingEngine;
import dev.foresight.renderer.engine.Engine;
import dev.foresight.renderer.engine.RenderException;
import dev.foresight.renderer.flux.ArtifactGenerator;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.flux.CommonMetadata;
import dev.foresight.renderer.flux.FluxKustomization;
import dev.foresight.renderer.flux.FluxObjects;
import dev.foresight.renderer.flux.KustomizationOverlay;
import dev.foresight.renderer.flux.PostBuild;
import dev.foresight.renderer.flux.Profile;
import dev.foresight.renderer.flux.RootKustomizationDiscovery;
import dev.foresight.renderer.flux.RuntimeProducers;
import dev.foresight.renderer.flux.SubstitutionSources;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Renders the tree of Flux Kustomizations of one profile at one commit, the way kustomize-controller
 * would reconcile it:
 *
 * <ol>
 *   <li>the entry directory is built like a Flux Kustomization with an empty spec (kustomization
 *       generated when missing), without substitution;
 *   <li>each Flux Kustomization of an output is a node: its source is resolved (an
 *       {@code ExternalArtifact} from the ArtifactGenerator rendered in the profile, see
 *       {@link ExternalArtifacts}; any other through the {@link SourceResolver}), {@code spec.path}
 *       is built through {@link KustomizationOverlay} (Flux's generator), then {@link PostBuild}
 *       (substitution, ConfigMaps/Secrets looked up in the outputs of the node's ancestors nearest
 *       first, then in the repository's files) and {@link CommonMetadata};
 *   <li>the Flux Kustomizations of a node's output are its children, breadth first.
 * </ol>
 *
 * A Flux Kustomization of the entry whose {@code spec.path} is the entry directory (Flux bootstrap)
 * is rendered first; its GitRepository is this repository whatever its name, and the entry's other
 * Kustomizations are taken from its output. A node is rendered once per tree. A Flux Kustomization declared again is not rendered again:
 * silently when it declares itself (Flux bootstrap: {@code flux-system} renders the directory that
 * holds it) or repeats an identical spec; with a warning on the declaring node when it closes a
 * cycle through its ancestors or differs from the first declaration. Deeper than
 * {@value #MAX_DEPTH} levels: a warning, not rendered. A node with a {@code substituteFrom} Secret
 * found nowhere is rendered again after the others (once): an object another node renders may
 * produce it at runtime (an ExternalSecret, a SealedSecret; see {@link PostBuild}).
 */
public final class ProfileTreeWalker {

  public static final int MAX_DEPTH = 10;

  /**
   * Where a Flux Kustomization's files come from: a tree (with a description), or a warning (a
   * source that cannot be rendered: the node renders nothing), or an error.
   */
  public record Source(FileTree tree, String description, String warning, String error) {

    public static Source of(FileTree tree, String description) {
      return new Source(tree, description, null, null);
    }

    public static Source notRendered(String warning) {
      return new Source(null, null, warning, null);
    }

    public static Source failed(String error) {
      return new Source(null, null, null, error);
    }
  }

  /** Resolves {@code spec.sourceRef}. */
  @FunctionalInterface
  public interface SourceResolver {
    Source resolve(FluxKustomization ks);
  }

  private final Engine engine;
  private final UnaryOperator<String> secretValue;
  private final boolean strictSubstitutions;

  /** Secret-sourced variable values substituted in clear (for tests and tools that mask later). */
  public ProfileTreeWalker(Engine engine) {
    this(engine, null);
  }

  /** {@code secretValue}: what a variable from a Secret is substituted as (e.g. its mask token). */
  public ProfileTreeWalker(Engine engine, UnaryOperator<String> secretValue) {
    this(engine, secretValue, false);
  }

  /**
   * {@code strictSubstitutions}: an unresolved postBuild variable fails its Flux Kustomization
   * (foresight.yaml {@code flux.strictPostBuildSubstitutions}) instead of being a warning.
   */
  public ProfileTreeWalker(Engine engine, UnaryOperator<String> secretValue, boolean strictSubstitutions) {
    this.engine = engine;
    this.secretValue = secretValue;
    this.strictSubstitutions = strictSubstitutions;
  }

  private static final class Pending {
    final FluxKustomization ks;
    final Pending parent;
    final int depth;
    final List<String> warnings = new ArrayList<>();
    List<Map<?, ?>> objects;
    TreeNode node;
    /** Rendered again after the others: a substituteFrom source was missing (its producer may come later). */
    boolean deferred;
    /** The engine's build of a deferred node, kept for its second pass (only postBuild is redone). */
    EngineBuild firstBuild;

    Pending(FluxKustomization ks, Pending parent, int depth) {
      this.ks = ks;
      this.parent = parent;
      this.depth = depth;
    }

    boolean hasAncestor(String id) {
      for (Pending p = parent; p != null; p = p.parent) {
        if (p.ks.id().equals(id)) {
          return true;
        }
      }
      return false;
    }

    String chain() {
      List<String> ids = new ArrayList<>();
      for (Pending p = this; p != null; p = p.parent) {
        ids.add(0, p.ks.id());
      }
      return String.join(" → ", ids);
    }
  }

  /**
   * The tree of {@code profile} in {@code repository}.
   *
   * @param configured resolves each node's {@code spec.sourceRef} (the bootstrap Kustomization's
   *     GitRepository is this repository regardless)
   * @param repositoryObjects the last place substituteFrom looks
   */
  public ProfileTree walk(Profile profile, FileTree repository, SourceResolver configured,
      SubstitutionSources repositoryObjects) {
    return walk(profile, repository, configured, repositoryObjects, new SourceArtifacts());
  }

  /**
   * As {@link #walk(Profile, FileTree, SourceResolver, SubstitutionSources)}, with the artifact
   * views shared with other walks of the same side ({@code .sourceignore} files read once).
   */
  public ProfileTree walk(Profile profile, FileTree repository, SourceResolver configured,
      SubstitutionSources repositoryObjects, SourceArtifacts artifacts) {
    String entryOutput;
    List<Map<?, ?>> entryObjects;
    try {
      FileTree build = KustomizationOverlay.apply(artifacts.plain(repository), profile.entry(), Map.of());
      entryOutput = engine.build(build, profile.entry());
      entryObjects = FluxObjects.objects(entryOutput, entryOutput);
    } catch (RenderException | IOException | RuntimeException e) {
      return new ProfileTree(profile, "profile " + profile.name() + ": " + profile.entry() + " does not render: "
          + e.getMessage(), List.of());
    }
    Map<String, Pending> visited = new LinkedHashMap<>();
    Deque<Pending> queue = new ArrayDeque<>();
    List<FluxKustomization> declared = children(entryObjects);
    FluxKustomization root = bootstrap(declared, profile, repository, configured);
    // the GitRepository the bootstrap Kustomization syncs from is this repository, whatever its name
    SourceResolver sources = root == null ? configured : ks -> sameSource(ks, root)
        ? Source.of(repository, "this repository") : configured.resolve(ks);
    if (root != null) {
      // Flux bootstrap: the cluster runs the entry through this Kustomization (its patches and
      // substitution apply to the others), so the others are taken from its output first.
      enqueue(List.of(root), null, 1, visited, queue);
      render(queue.peekFirst(), profile, repository, sources, entryObjects, repositoryObjects, visited, artifacts,
          false);
      Pending rootNode = queue.removeFirst();
      if (rootNode.objects != null) {
        enqueue(children(rootNode.objects), rootNode, 2, visited, queue);
      }
    }
    enqueue(declared, null, 1, visited, queue);
    while (!queue.isEmpty()) {
      Pending node = queue.removeFirst();
      boolean again = node.deferred;
      node.deferred = false;
      render(node, profile, repository, sources, entryObjects, repositoryObjects, visited, artifacts, !again);
      if (node.deferred) {
        queue.addLast(node);
        continue;
      }
      if (node.objects != null) {
        enqueue(children(node.objects), node, node.depth + 1, visited, queue);
      }
    }
    List<TreeNode> nodes = new ArrayList<>();
    for (Pending p : visited.values()) {
      TreeNode n = p.node;
      List<String> warnings = new ArrayList<>(n.warnings());
      warnings.addAll(p.warnings);
      nodes.add(new TreeNode(n.ks(), n.parent(), n.depth(), n.path(), n.source(), n.output(), warnings, n.error(),
          n.sourceTree(), n.variablesDigest(), n.cached()));
    }
    return new ProfileTree(profile, null, nodes);
  }

  /**
   * The Flux Kustomization of the entry's output that builds the entry directory itself from a
   * GitRepository that is this repository or not configured elsewhere (Flux bootstrap).
   */
  private static FluxKustomization bootstrap(List<FluxKustomization> declared, Profile profile, FileTree repository,
      SourceResolver sources) {
    for (FluxKustomization ks : declared) {
      try {
        if (!TreePath.normalize(ks.path()).equals(profile.entry()) || !ks.sourceKind().equals("GitRepository")) {
          continue;
        }
        Source source = sources.resolve(ks);
        if (source.tree() == repository || source.warning() != null) {
          return ks;
        }
      } catch (IllegalArgumentException ignored) {
        // an escaping path is reported when the node renders
      }
    }
    return null;
  }

  private static boolean sameSource(FluxKustomization a, FluxKustomization b) {
    return a.sourceKind().equals(b.sourceKind()) && a.sourceName().equals(b.sourceName())
        && a.sourceNamespace().equals(b.sourceNamespace());
  }

  private static List<FluxKustomization> children(List<Map<?, ?>> objects) {
    List<FluxKustomization> found = new ArrayList<>();
    for (Map<?, ?> object : objects) {
      FluxKustomization ks = FluxKustomization.of(object);
      if (ks != null) {
        found.add(ks);
      }
    }
    return found;
  }

  private static void enqueue(List<FluxKustomization> children, Pending parent, int depth, Map<String, Pending> visited,
      Deque<Pending> queue) {
    for (FluxKustomization child : children) {
      String id = child.id();
      Pending seen = visited.get(id);
      if (seen != null) {
        if (parent == null || parent.ks.id().equals(id)) {
          continue; // declares itself: the Flux bootstrap pattern
        }
        if (parent.hasAncestor(id)) {
          parent.warnings.add("cycle: Flux Kustomization " + id + " is declared again in the output of "
              + parent.ks.id() + " (" + parent.chain() + " → " + id + "); not rendered again");
        } else if (!sameSpec(seen.ks, child)) {
          parent.warnings.add("Flux Kustomization " + id + " is declared again by " + parent.ks.id()
              + " with a different spec than by " + (seen.parent == null ? "the profile entry" : seen.parent.ks.id())
              + "; rendered as first declared");
        }
        continue;
      }
      if (depth > MAX_DEPTH) {
        parent.warnings.add("Flux Kustomization " + id + " not rendered: deeper than " + MAX_DEPTH
            + " levels of nested Flux Kustomizations (" + parent.chain() + " → " + id + ")");
        continue;
      }
      Pending pending = new Pending(child, parent, depth);
      visited.put(id, pending);
      queue.addLast(pending);
    }
  }

  private static boolean sameSpec(FluxKustomization a, FluxKustomization b) {
    return Objects.equals(a.spec(), b.spec());
  }

  /** What the engine built for a node: its output, its notes and whether the cache answered. */
  private record EngineBuild(String yaml, List<String> notes, boolean cached) { }

  private void render(Pending p, Profile profile, FileTree repository, SourceResolver sources,
      List<Map<?, ?>> entryObjects, SubstitutionSources repositoryObjects, Map<String, Pending> visited,
      SourceArtifacts artifacts, boolean mayDefer) {
    FluxKustomization ks = p.ks;
    String parent = p.parent == null ? null : p.parent.ks.id();
    String declared = parent == null ? profile.entry() : "Flux Kustomization " + parent;
    String label = "profile " + profile.name() + ", Flux Kustomization " + ks.id();
    String path = ks.path();
    try {
      path = TreePath.normalize(ks.path());
    } catch (IllegalArgumentException e) {
      p.node = failed(p, path, Source.failed(null), label + ": spec.path '" + ks.path() + "' escapes the source root; fix spec.path in "
          + declared);
      return;
    }
    // a GitRepository is seen as source-controller's artifact of it, also where a generator copies from it
    SourceResolver resolver = asArtifacts(sources, artifacts, lookup(p, entryObjects, repositoryObjects, visited));
    Source source = ks.sourceKind().equals(ArtifactGenerator.EXTERNAL_ARTIFACT)
        ? ExternalArtifacts.resolve(ks, renderedBefore(p, entryObjects, visited), resolver)
        : resolver.resolve(ks);
    if (source.error() != null) {
      p.node = failed(p, path, source, label + ": " + source.error());
      return;
    }
    if (source.warning() != null) {
      p.node = TreeNode.failed(ks, parent, p.depth, path, null, null, List.of(source.warning()), null);
      return;
    }
    FileTree tree = source.tree();
    try {
      if (!tree.isDirectory(path)) {
        String hint = ks.path().contains("${") ? " (its variables are substituted by the parent's postBuild: set them"
            + " in the postBuild of " + declared + ")" : "";
        String excluded = tree instanceof SourceArtifactTree artifact ? artifact.whyExcluded(path) : null;
        if (excluded != null) {
          p.node = failed(p, path, source, label + ": spec.path '" + ks.path() + "' is in " + source.description()
              + " but not in the artifact source-controller builds of it: " + excluded + "; "
              + SourceArtifacts.HOW_TO_FIX);
          return;
        }
        p.node = failed(p, path, source, label + ": spec.path '" + ks.path() + "' does not exist in "
            + source.description() + hint + "; fix spec.path in " + declared + " or add the directory " + path);
        return;
      }
      FileTree build;
      try {
        build = KustomizationOverlay.apply(tree, path, ks.spec());
      } catch (IllegalArgumentException e) {
        p.node = failed(p, path, source, label + ": " + e.getMessage() + "; fix spec.components in "
            + declared);
        return;
      }
      EngineBuild built = p.firstBuild;
      if (built == null) {
        try {
          String out = engine.build(build, path);
          built = new EngineBuild(out, List.copyOf(engine.notes()), CachingEngine.lastBuildWasCached());
        } catch (RenderException e) {
          p.node = failed(p, path, source, label + ", path " + path + ": " + e.getMessage()
              + SourceArtifacts.excluded(build, path));
          return;
        }
      }
      String yaml = built.yaml();
      boolean cached = built.cached();
      PostBuild.Result post = PostBuild.apply(yaml, ks, lookup(p, entryObjects, repositoryObjects, visited),
          secretValue, strictSubstitutions);
      if (!post.notFound().isEmpty() && mayDefer) {
        p.deferred = true; // what produces it may be rendered by a node not rendered yet: postBuild once more, last
        p.firstBuild = built;
        return;
      }
      p.warnings.addAll(built.notes());
      if (post.error() != null) {
        String written = post.notFound().isEmpty() ? "" : writtenIn(repository, ks);
        p.node = TreeNode.failed(ks, parent, p.depth, path, source.description(), tree, post.warnings(),
            label + written + ": " + post.error());
        return;
      }
      String output = CommonMetadata.apply(post.text(), ks);
      p.objects = FluxObjects.objects(output, yaml);
      List<String> warnings = new ArrayList<>(KustomizationOverlay.ignoredFields(ks.spec()));
      warnings.addAll(post.warnings());
      p.node = new TreeNode(ks, parent, p.depth, path, source.description(), output, warnings, null, tree,
          post.variablesDigest(), cached);
    } catch (IOException | RuntimeException e) {
      p.node = failed(p, path, source, label + ", path " + path + ": " + e.getMessage());
    }
  }

  /** {@code  (written in clusters/prod/apps.yaml)}, or nothing when the file is not found. */
  private static String writtenIn(FileTree repository, FluxKustomization ks) {
    try {
      return RootKustomizationDiscovery.fileDeclaring(repository, ks.namespace(), ks.name())
          .map(file -> " (written in " + file + ")").orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static TreeNode failed(Pending p, String path, Source source, String error) {
    return TreeNode.failed(p.ks, p.parent == null ? null : p.parent.ks.id(), p.depth, path, source.description(),
        source.tree(), List.of(), error);
  }

  /**
   * Where an ArtifactGenerator may be rendered in this profile: the outputs of the node's ancestors
   * (nearest first), the entry's, then those of the other nodes rendered so far (walk order).
   */
  private static List<ExternalArtifacts.Scope> renderedBefore(Pending node, List<Map<?, ?>> entryObjects,
      Map<String, Pending> visited) {
    List<ExternalArtifacts.Scope> scopes = new ArrayList<>();
    java.util.Set<Pending> ancestors = new java.util.HashSet<>();
    for (Pending p = node.parent; p != null; p = p.parent) {
      ancestors.add(p);
      if (p.objects != null) {
        scopes.add(new ExternalArtifacts.Scope("output of Flux Kustomization " + p.ks.id(), p.objects));
      }
    }
    scopes.add(new ExternalArtifacts.Scope("profile entry", entryObjects));
    for (Pending p : visited.values()) {
      if (p != node && !ancestors.contains(p) && p.objects != null) {
        scopes.add(new ExternalArtifacts.Scope("output of Flux Kustomization " + p.ks.id(), p.objects));
      }
    }
    return scopes;
  }

  /**
   * {@code sources}, with each GitRepository tree seen as source-controller's artifact of it
   * (.sourceignore, spec.ignore, default exclusions): an ArtifactGenerator copies from that artifact.
   */
  private static SourceResolver asArtifacts(SourceResolver sources, SourceArtifacts artifacts,
      SubstitutionSources objects) {
    return ks -> {
      Source source = sources.resolve(ks);
      if (source.tree() == null || !ks.sourceKind().equals("GitRepository")) {
        return source;
      }
      try {
        return Source.of(artifacts.of(source.tree(), ks, objects), source.description());
      } catch (IOException e) {
        return Source.failed(source.description() + " cannot be read: " + e.getMessage());
      }
    };
  }

  /**
   * The outputs of the node's ancestors (nearest first), the entry's, then the repository's files;
   * a Secret found nowhere may be produced at runtime by an object any node of this profile renders
   * (the entry first, then the nodes in walk order; see {@link RuntimeProducers}).
   */
  private static SubstitutionSources lookup(Pending node, List<Map<?, ?>> entryObjects,
      SubstitutionSources repositoryObjects, Map<String, Pending> visited) {
    return new SubstitutionSources() {
      @Override
      public Optional<Found> find(String kind, String namespace, String name) {
        for (Pending p = node.parent; p != null; p = p.parent) {
          Optional<Found> found = findIn(p.objects, kind, namespace, name, "output of Flux Kustomization " + p.ks.id());
          if (found.isPresent()) {
            return found;
          }
        }
        Optional<Found> found = findIn(entryObjects, kind, namespace, name, "profile entry");
        return found.isPresent() ? found : repositoryObjects.find(kind, namespace, name);
      }

      @Override
      public Optional<Producer> producerOf(String namespace, String name) {
        Optional<Producer> found = producerIn(entryObjects, namespace, name, "profile entry");
        for (Pending p : visited.values()) {
          if (found.isPresent()) {
            break;
          }
          found = producerIn(p.objects, namespace, name, "rendered by Flux Kustomization " + p.ks.id());
        }
        return found;
      }
    };
  }

  /** A producer of Secret {@code namespace/name} in {@code objects}: same namespace, else one without namespace. */
  private static Optional<SubstitutionSources.Producer> producerIn(List<Map<?, ?>> objects, String namespace,
      String name, String where) {
    if (objects == null) {
      return Optional.empty();
    }
    RuntimeProducers.Produced loose = null;
    for (Map<?, ?> object : objects) {
      Optional<RuntimeProducers.Produced> produced = RuntimeProducers.of(object);
      if (produced.isEmpty() || !produced.get().secretName().equals(name)) {
        continue;
      }
      String ns = produced.get().secretNamespace();
      if (namespace.equals(ns)) {
        return Optional.of(new SubstitutionSources.Producer(produced.get(), where));
      }
      if ((ns == null || ns.isEmpty()) && loose == null) {
        loose = produced.get(); // a ClusterExternalSecret (any namespace), or a namespace set later
      }
    }
    return Optional.ofNullable(loose).map(p -> new SubstitutionSources.Producer(p, where));
  }

  private static Optional<SubstitutionSources.Found> findIn(List<Map<?, ?>> objects, String kind, String namespace,
      String name, String where) {
    if (objects == null) {
      return Optional.empty();
    }
    Map<?, ?> loose = null;
    for (Map<?, ?> object : objects) {
      if (!kind.equals(object.get("kind")) || !(object.get("metadata") instanceof Map<?, ?> meta)
          || !name.equals(String.valueOf(meta.get("name")))) {
        continue;
      }
      Object ns = meta.get("namespace");
      String objectNs = ns == null ? "" : String.valueOf(ns);
      if (objectNs.equals(namespace)) {
        return Optional.of(new SubstitutionSources.Found(object, where));
      }
      if (objectNs.isEmpty() && loose == null) {
        loose = object;
      }
    }
    return Optional.ofNullable(loose).map(o -> new SubstitutionSources.Found(o, where));
  }
}
