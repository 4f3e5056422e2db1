package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The optional {@code foresight.yaml} at the root of a GitOps repository (see
 * {@code docs/foresight-yaml.md}): the profiles (entry directories) and the other GitRepositories
 * Flux Kustomizations may point at. The top-level keys are {@link #KEYS}; any other is an error
 * naming its line (a misspelt {@code profile:} must not silently mean "no profiles configured").
 * The sections other packages own ({@code report}, {@code changelog}, ...) are kept as nodes for
 * them to parse.
 *
 * @param profiles configured profiles, empty when the key is absent (then defaults apply)
 * @param profilesSet true when {@code profiles:} is present
 * @param sources GitRepository {@code name} or {@code namespace/name} to where its files come from
 * @param sections the other top-level keys (e.g. {@code changelog}, {@code report}) as parsed YAML
 *     nodes with their line numbers, for the packages that own them to parse
 * @param strictPostBuildSubstitutions {@code flux.strictPostBuildSubstitutions}: a postBuild variable
 *     without value and without default fails its Flux Kustomization, as with kustomize-controller's
 *     feature gate {@code StrictPostBuildSubstitutions}; default false (a warning)
 */
public record ForesightConfig(List<Profile> profiles, boolean profilesSet, Map<String, Source> sources,
    Map<String, Node> sections, boolean strictPostBuildSubstitutions) {

  public ForesightConfig(List<Profile> profiles, boolean profilesSet, Map<String, Source> sources) {
    this(profiles, profilesSet, sources, Map.of(), false);
  }

  /** This configuration with {@code list} as its {@code profiles:} (set). */
  public ForesightConfig withProfiles(List<Profile> list) {
    return new ForesightConfig(List.copyOf(list), true, sources, sections, strictPostBuildSubstitutions);
  }

  /** The top-level key {@code name} as a YAML node, if present. */
  public Optional<Node> section(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  public static final String FILE = "foresight.yaml";

  /**
   * Every top-level key: profiles, sources, flux (here), report (renderer.output), changelog and
   * promotions (renderer.changelog), render (what the renderer may fetch, {@code render.remote}).
   */
  public static final List<String> KEYS =
      List.of("profiles", "sources", "flux", "report", "changelog", "promotions", "render");

  /**
   * Another source of Flux Kustomizations.
   *
   * @param url a git URL or local path; {@code null} (or {@code self}) means this repository
   * @param ref a branch, tag or full commit id; rendered at its tip, the same for base and head
   */
  public record Source(String url, String ref) {

    public boolean self() {
      return url == null || url.equals("self") || url.equals(".");
    }
  }

  /** A malformed foresight.yaml: the message names the file, line and field. */
  public static final class InvalidException extends Exception {
    public InvalidException(String message) {
      super(message);
    }
  }

  public static final ForesightConfig NONE = new ForesightConfig(List.of(), false, Map.of());

  /** The configured source of GitRepository {@code namespace/name}, if any. */
  public Optional<Source> source(String namespace, String name) {
    Source qualified = sources.get(namespace + "/" + name);
    return Optional.ofNullable(qualified != null ? qualified : sources.get(name));
  }

  /** {@code foresight.yaml} of {@code tree}, or {@link #NONE} when there is none. */
  public static ForesightConfig load(FileTree tree) throws IOException, InvalidException {
    Optional<byte[]> bytes = tree.read(FILE);
    if (bytes.isEmpty()) {
      return NONE;
    }
    return parse(new String(bytes.get(), StandardCharsets.UTF_8));
  }

  /** Parses the text of a foresight.yaml. */
  public static ForesightConfig parse(String text) throws InvalidException {
    Node root;
    try {
      root = new Compose(LoadSettings.builder().setLabel(FILE).build()).composeString(text).orElse(null);
    } catch (RuntimeException e) {
      throw new InvalidException(FILE + ": not valid YAML: " + e.getMessage().replace("\n", " "));
    }
    if (root == null) {
      return NONE;
    }
    MappingNode top = mapping(root, "the document");
    List<Profile> profiles = new ArrayList<>();
    boolean profilesSet = false;
    Map<String, Source> sources = new LinkedHashMap<>();
    Map<String, Node> sections = new LinkedHashMap<>();
    boolean strictSubstitutions = false;
    for (NodeTuple entry : top.getValue()) {
      String key = scalar(entry.getKeyNode(), "a top-level key");
      if (key.equals("profiles")) {
        profilesSet = true;
        if (!(entry.getValueNode() instanceof SequenceNode list)) {
          throw invalid(entry.getValueNode(), "profiles", "must be a list of {name, path}");
        }
        for (Node item : list.getValue()) {
          profiles.add(profile(item, profiles));
        }
      } else if (key.equals("sources")) {
        MappingNode map = mapping(entry.getValueNode(), "sources");
        for (NodeTuple source : map.getValue()) {
          String name = scalar(source.getKeyNode(), "sources");
          sources.put(name, source(source.getValueNode(), "sources." + name));
        }
      } else if (key.equals("flux")) {
        strictSubstitutions = flux(entry.getValueNode());
      } else if (KEYS.contains(key)) {
        sections.put(key, entry.getValueNode());
      } else {
        throw invalid(entry.getKeyNode(), key, "is not a top-level key of " + FILE
            + KeySuggestion.didYouMean(key, KEYS) + " (the keys are " + String.join(", ", KEYS)
            + "; see docs/foresight-yaml.md)");
      }
    }
    return new ForesightConfig(List.copyOf(profiles), profilesSet, Map.copyOf(sources), Map.copyOf(sections),
        strictSubstitutions);
  }

  /** The {@code flux:} section: how kustomize-controller is configured; returns strictPostBuildSubstitutions. */
  private static boolean flux(Node node) throws InvalidException {
    boolean strict = false;
    for (NodeTuple field : mapping(node, "flux").getValue()) {
      String key = scalar(field.getKeyNode(), "flux");
      if (!key.equals("strictPostBuildSubstitutions")) {
        throw invalid(field.getKeyNode(), "flux." + key, "unknown field; flux has strictPostBuildSubstitutions"
            + KeySuggestion.didYouMean(key, List.of("strictPostBuildSubstitutions")));
      }
      String value = scalar(field.getValueNode(), "flux." + key);
      if (!value.equals("true") && !value.equals("false")) {
        throw invalid(field.getValueNode(), "flux." + key, "must be true or false, was '" + value + "'");
      }
      strict = value.equals("true");
    }
    return strict;
  }

  private static Profile profile(Node item, List<Profile> seen) throws InvalidException {
    MappingNode map = mapping(item, "profiles[" + seen.size() + "]");
    String name = null;
    String path = null;
    for (NodeTuple field : map.getValue()) {
      String key = scalar(field.getKeyNode(), "profiles[" + seen.size() + "]");
      String where = "profiles[" + seen.size() + "]." + key;
      switch (key) {
        case "name" -> name = scalar(field.getValueNode(), where);
        case "path" -> path = scalar(field.getValueNode(), where);
        default -> throw invalid(field.getKeyNode(), where, "unknown field; a profile has name and path"
            + KeySuggestion.didYouMean(key, List.of("name", "path")));
      }
    }
    if (name == null || name.isBlank()) {
      throw invalid(item, "profiles[" + seen.size() + "].name", "is required");
    }
    if (path == null || path.isBlank()) {
      throw invalid(item, "profiles[" + seen.size() + "].path", "is required (the entry directory, e.g. clusters/"
          + name + ")");
    }
    final String profileName = name;
    if (seen.stream().anyMatch(p -> p.name().equals(profileName))) {
      throw invalid(item, "profiles[" + seen.size() + "].name", "'" + name + "' is defined twice");
    }
    try {
      return new Profile(name, TreePath.normalize(path));
    } catch (IllegalArgumentException e) {
      throw invalid(item, "profiles[" + seen.size() + "].path", e.getMessage());
    }
  }

  private static Source source(Node node, String where) throws InvalidException {
    MappingNode map = mapping(node, where);
    String url = null;
    String ref = null;
    for (NodeTuple field : map.getValue()) {
      String key = scalar(field.getKeyNode(), where);
      if (!Set.of("url", "ref").contains(key)) {
        throw invalid(field.getKeyNode(), where + "." + key, "unknown field; a source has url and ref"
            + KeySuggestion.didYouMean(key, List.of("url", "ref")));
      }
      String value = scalar(field.getValueNode(), where + "." + key);
      if (key.equals("url")) {
        url = value;
      } else {
        ref = value;
      }
    }
    Source source = new Source(url, ref);
    if (!source.self() && (ref == null || ref.isBlank())) {
      throw invalid(node, where + ".ref", "is required with a url (a branch, tag or commit id)");
    }
    return source;
  }

  private static MappingNode mapping(Node node, String where) throws InvalidException {
    return ConfigNodes.mapping(node, where);
  }

  private static String scalar(Node node, String where) throws InvalidException {
    return ConfigNodes.scalar(node, where);
  }

  private static InvalidException invalid(Node node, String field, String problem) {
    return ConfigNodes.invalid(node, field, problem);
  }
}
