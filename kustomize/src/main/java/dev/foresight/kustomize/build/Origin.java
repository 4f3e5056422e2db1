package dev.foresight.kustomize.build;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.Node;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.Yaml;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where a resource or a transformer configuration came from (kustomize's resource.Origin), as
 * {@code buildMetadata: [originAnnotations, transformerAnnotations]} records it: a file path
 * relative to the directory being built, or the kustomization file / plugin config that generated
 * or transformed it ({@code configuredIn}, {@code configuredBy}).
 *
 * @param path the resource file, relative to the build root ("" when unset)
 * @param repo remote repository ("" for local files)
 * @param ref remote ref ("")
 * @param configuredIn the generator or transformer config's file ("")
 * @param configuredBy the config's apiVersion, kind, name, namespace (null when unset)
 */
public record Origin(String path, String repo, String ref, String configuredIn, ConfiguredBy configuredBy) {

  /** The annotation holding a resource's origin. */
  public static final String ORIGIN_ANNOTATION = "config.kubernetes.io/origin";
  /** The annotation holding the transformers that touched a resource, oldest first. */
  public static final String TRANSFORMATIONS_ANNOTATION = "alpha.config.kubernetes.io/transformations";

  /** A plugin config's identity (kyaml's ResourceIdentifier). */
  public record ConfiguredBy(String apiVersion, String kind, String name, String namespace) {

    public static ConfiguredBy builtin(String kind) {
      return new ConfiguredBy("builtin", kind, "", "");
    }
  }

  /** The origin of the build root (empty path). */
  public static Origin root() {
    return new Origin("", "", "", "", null);
  }

  /** This origin with {@code relative} joined to its path (Go's filepath.Join). */
  public Origin append(String relative) {
    return new Origin(join(path, relative), repo, ref, configuredIn, configuredBy);
  }

  /** The origin given to what a builtin generator or transformer of this kustomization makes or changes. */
  public Origin builtin(String kustFileName, String kind) {
    return new Origin("", repo, ref, join(path, kustFileName), ConfiguredBy.builtin(kind));
  }

  /**
   * The origin of a generator or transformer configured by {@code config} (kustomize's
   * OriginFromCustomPlugin): null when the config carries no origin annotation.
   */
  public static Origin ofPluginConfig(Resource config) throws KustomizeException {
    Origin own = of(config);
    if (own == null) {
      return null;
    }
    return new Origin("", own.repo, own.ref, own.path,
        new ConfiguredBy(config.apiVersion(), config.kind(), config.name(), config.namespace()));
  }

  /** The origin annotation of {@code r}, parsed; null when absent. */
  public static Origin of(Resource r) throws KustomizeException {
    String text = annotation(r, ORIGIN_ANNOTATION);
    if (text == null) {
      return null;
    }
    List<Node> docs = Yaml.parseAll(text, ORIGIN_ANNOTATION);
    MapNode map = docs.isEmpty() || !(docs.get(0) instanceof MapNode m) ? new MapNode() : m;
    MapNode by = map.getMap("configuredBy");
    return new Origin(GeneratorArgs.string(map, "path"), GeneratorArgs.string(map, "repo"),
        GeneratorArgs.string(map, "ref"), GeneratorArgs.string(map, "configuredIn"),
        by == null ? null : new ConfiguredBy(GeneratorArgs.string(by, "apiVersion"), GeneratorArgs.string(by, "kind"),
            GeneratorArgs.string(by, "name"), GeneratorArgs.string(by, "namespace")));
  }

  /** Sets {@code r}'s origin annotation to this origin. */
  public void setOn(Resource r) {
    r.metadata().getOrCreateMap("annotations").put(ORIGIN_ANNOTATION, ScalarNode.string(yaml()));
  }

  /**
   * Records a transformer with this origin on {@code r} (kustomize's AddTransformerAnnotation): a
   * resource without an origin takes this one as its origin, others get it appended to their
   * transformations.
   */
  public void recordTransformationOn(Resource r) {
    String previous = annotation(r, TRANSFORMATIONS_ANNOTATION);
    if (annotation(r, ORIGIN_ANNOTATION) == null) {
      setOn(r);
      return;
    }
    String item = "- " + yaml().stripTrailing().replace("\n", "\n  ") + "\n";
    String list = previous == null || previous.isBlank() || previous.strip().equals("[]") ? item : previous + item;
    r.metadata().getOrCreateMap("annotations").put(TRANSFORMATIONS_ANNOTATION, ScalarNode.string(list));
  }

  /** The annotation text: YAML fields in kustomize's order, empty ones omitted. */
  public String yaml() {
    StringBuilder out = new StringBuilder();
    field(out, "", "path", path);
    field(out, "", "repo", repo);
    field(out, "", "ref", ref);
    field(out, "", "configuredIn", configuredIn);
    if (configuredBy != null) {
      StringBuilder by = new StringBuilder();
      field(by, "  ", "apiVersion", configuredBy.apiVersion());
      field(by, "  ", "kind", configuredBy.kind());
      field(by, "  ", "name", configuredBy.name());
      field(by, "  ", "namespace", configuredBy.namespace());
      out.append(by.isEmpty() ? "configuredBy: {}\n" : "configuredBy:\n" + by);
    }
    return out.isEmpty() ? "{}\n" : out.toString();
  }

  private static void field(StringBuilder out, String indent, String key, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    out.append(indent).append(key).append(": ").append(scalar(value)).append('\n');
  }

  /** A string scalar as the YAML writer prints it (plain when it can be, quoted otherwise). */
  static String scalar(String value) {
    String emitted = Yaml.emit(ScalarNode.string(value));
    if (emitted.startsWith("--- ")) {
      emitted = emitted.substring(4);
    }
    if (emitted.endsWith("\n...\n")) {
      emitted = emitted.substring(0, emitted.length() - 4);
    }
    return emitted.stripTrailing();
  }

  static String annotation(Resource r, String key) {
    MapNode metadata = r.node().getMap("metadata");
    MapNode annotations = metadata == null ? null : metadata.getMap("annotations");
    Node value = annotations == null ? null : annotations.get(key);
    return value instanceof ScalarNode s && !s.isNull() ? s.value() : null;
  }

  /** Go's filepath.Join: slash-joined, cleaned; leading {@code ..} kept. */
  static String join(String base, String relative) {
    String joined = base.isEmpty() ? relative : relative.isEmpty() ? base : base + "/" + relative;
    if (joined.isEmpty()) {
      return "";
    }
    boolean absolute = joined.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : joined.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
        parts.removeLast();
      } else if (!(segment.equals("..") && absolute)) {
        parts.addLast(segment);
      }
    }
    String cleaned = String.join("/", parts);
    return absolute ? "/" + cleaned : cleaned.isEmpty() ? "." : cleaned;
  }
}
