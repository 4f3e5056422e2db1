package dev.foresight.renderer.changelog;

import static dev.foresight.renderer.flux.ConfigNodes.invalid;
import static dev.foresight.renderer.flux.ConfigNodes.mapping;
import static dev.foresight.renderer.flux.ConfigNodes.scalar;
import static dev.foresight.renderer.flux.ConfigNodes.sequence;

import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.flux.ForesightConfig.InvalidException;
import dev.foresight.renderer.flux.KeySuggestion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The {@code changelog:} and {@code promotions:} sections of {@code foresight.yaml} (see
 * docs/foresight-yaml.md).
 *
 * @param webUrl the GitOps repository's web URL; null: derived from its clone URL
 * @param maxCommits most commits listed per range (longer ranges are cut and marked truncated)
 * @param tickets ticket keys and their links
 * @param components image (without tag) to its component repository
 * @param componentsFile a JSON/YAML file mapping image to repository path (paths relative to the file), or null
 * @param promotionBranches branches a push to which may be a promotion
 * @param upstream promotion branch to the branch it is promoted from
 */
public record ChangelogSettings(String webUrl, int maxCommits, TicketMatcher tickets, Map<String, Component> components,
    String componentsFile, List<String> promotionBranches, Map<String, String> upstream) {

  public static final int DEFAULT_MAX_COMMITS = 200;
  public static final List<String> DEFAULT_PROMOTION_BRANCHES = List.of("staging", "production");
  public static final String DEFAULT_FIRST_UPSTREAM = "master";

  public static final ChangelogSettings DEFAULT = new ChangelogSettings(null, DEFAULT_MAX_COMMITS,
      TicketMatcher.DEFAULT, Map.of(), null, DEFAULT_PROMOTION_BRANCHES, chain(DEFAULT_PROMOTION_BRANCHES));

  /**
   * A component repository.
   *
   * @param repository URL, absolute path, or path relative to the GitOps repository
   * @param webUrl its web URL; null: derived from the repository URL
   * @param name how the report names it; null: the repository's last path segment
   */
  public record Component(String repository, String webUrl, String name) {

    /** The configured name, else the repository's last path segment without {@code .git}. */
    public String displayName() {
      if (name != null) {
        return name;
      }
      String trimmed = repository.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
      return trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1);
    }
  }

  /** The configured component of {@code image} (name without tag). */
  public Optional<Component> component(String image) {
    return Optional.ofNullable(components.get(image));
  }

  /** The upstream of a promotion branch, or null when {@code branch} is not one. */
  public String upstreamOf(String branch) {
    return promotionBranches.contains(branch) ? upstream.get(branch) : null;
  }

  /** Reads both sections of {@code config}; defaults where absent. */
  public static ChangelogSettings of(ForesightConfig config) throws InvalidException {
    String webUrl = null;
    int maxCommits = DEFAULT_MAX_COMMITS;
    TicketMatcher tickets = TicketMatcher.DEFAULT;
    Map<String, Component> components = new LinkedHashMap<>();
    String componentsFile = null;
    Optional<Node> changelog = config.section("changelog");
    if (changelog.isPresent()) {
      for (NodeTuple entry : mapping(changelog.get(), "changelog").getValue()) {
        String key = scalar(entry.getKeyNode(), "changelog");
        Node value = entry.getValueNode();
        String where = "changelog." + key;
        switch (key) {
          case "webUrl" -> webUrl = scalar(value, where);
          case "maxCommits" -> maxCommits = positive(value, where);
          case "tickets" -> tickets = tickets(value, where);
          case "componentsFile" -> componentsFile = scalar(value, where);
          case "components" -> {
            for (NodeTuple image : mapping(value, where).getValue()) {
              String name = scalar(image.getKeyNode(), where);
              components.put(name, component(image.getValueNode(), where + "." + name));
            }
          }
          default -> throw invalid(entry.getKeyNode(), where,
              "is not a changelog setting (webUrl, maxCommits, tickets, components, componentsFile)"
              + KeySuggestion.didYouMean(key,
                  List.of("webUrl", "maxCommits", "tickets", "components", "componentsFile")));
        }
      }
    }
    List<String> branches = DEFAULT_PROMOTION_BRANCHES;
    Map<String, String> upstream = null;
    Optional<Node> promotions = config.section("promotions");
    if (promotions.isPresent()) {
      for (NodeTuple entry : mapping(promotions.get(), "promotions").getValue()) {
        String key = scalar(entry.getKeyNode(), "promotions");
        String where = "promotions." + key;
        switch (key) {
          case "branches" -> {
            List<String> list = new ArrayList<>();
            for (Node item : sequence(entry.getValueNode(), where).getValue()) {
              list.add(scalar(item, where));
            }
            branches = List.copyOf(list);
          }
          case "upstream" -> {
            upstream = new LinkedHashMap<>();
            for (NodeTuple pair : mapping(entry.getValueNode(), where).getValue()) {
              upstream.put(scalar(pair.getKeyNode(), where), scalar(pair.getValueNode(), where));
            }
          }
          default -> throw invalid(entry.getKeyNode(), where, "is not a promotions setting (branches, upstream)"
              + KeySuggestion.didYouMean(key, List.of("branches", "upstream")));
        }
      }
    }
    Map<String, String> chained = new LinkedHashMap<>(chain(branches));
    if (upstream != null) {
      chained.putAll(upstream);
    }
    return new ChangelogSettings(webUrl, maxCommits, tickets, Map.copyOf(components), componentsFile, branches,
        Map.copyOf(chained));
  }

  /**
   * The entries of a components file (JSON or YAML: image to repository path, or to {repository,
   * webUrl, name}); relative paths are resolved against {@code dir}, the file's directory.
   *
   * @throws IllegalArgumentException when the text is not such a mapping (the message names {@code file})
   */
  public static Map<String, Component> componentsFile(String text, String file, String dir) {
    Object root;
    try {
      root = new Load(LoadSettings.builder().setLabel(file).build()).loadFromString(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " is not valid JSON or YAML: " + e.getMessage().replace("\n", " "));
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + " must map each image to its component repository path");
    }
    Map<String, Component> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object value = entry.getValue();
      String repository;
      String web = null;
      String name = null;
      if (value instanceof String path) {
        repository = path;
      } else if (value instanceof Map<?, ?> spec && spec.get("repository") instanceof String path) {
        repository = path;
        web = spec.get("webUrl") instanceof String w ? w : null;
        name = spec.get("name") instanceof String n ? n : null;
      } else {
        throw new IllegalArgumentException(file + ": " + entry.getKey() + " must be a repository path or {repository: ...}");
      }
      out.put(String.valueOf(entry.getKey()), new Component(Locations.resolve(dir, repository), web, name));
    }
    return out;
  }

  /** The default upstreams: the first branch's is master, each next one's is the branch before it. */
  static Map<String, String> chain(List<String> branches) {
    Map<String, String> out = new LinkedHashMap<>();
    String previous = DEFAULT_FIRST_UPSTREAM;
    for (String branch : branches) {
      out.put(branch, previous);
      previous = branch;
    }
    return out;
  }

  private static Component component(Node node, String where) throws InvalidException {
    if (node instanceof ScalarNode scalar) {
      return new Component(scalar.getValue(), null, null);
    }
    MappingNode map = mapping(node, where);
    String repository = null;
    String webUrl = null;
    String name = null;
    for (NodeTuple entry : map.getValue()) {
      String key = scalar(entry.getKeyNode(), where);
      switch (key) {
        case "repository" -> repository = scalar(entry.getValueNode(), where + ".repository");
        case "webUrl" -> webUrl = scalar(entry.getValueNode(), where + ".webUrl");
        case "name" -> name = scalar(entry.getValueNode(), where + ".name");
        default -> throw invalid(entry.getKeyNode(), where + "." + key, "is not a component setting (repository, webUrl, name)"
            + KeySuggestion.didYouMean(key, List.of("repository", "webUrl", "name")));
      }
    }
    if (repository == null || repository.isBlank()) {
      throw invalid(node, where, "needs repository: <git URL, or path relative to the GitOps repository>");
    }
    return new Component(repository, webUrl, name);
  }

  private static TicketMatcher tickets(Node node, String where) throws InvalidException {
    Pattern pattern = Pattern.compile(TicketMatcher.DEFAULT_PATTERN);
    String url = null;
    for (NodeTuple entry : mapping(node, where).getValue()) {
      String key = scalar(entry.getKeyNode(), where);
      switch (key) {
        case "pattern" -> {
          String text = scalar(entry.getValueNode(), where + ".pattern");
          try {
            pattern = Pattern.compile(text);
          } catch (PatternSyntaxException e) {
            throw invalid(entry.getValueNode(), where + ".pattern", "is not a regular expression: "
                + e.getDescription());
          }
        }
        case "url" -> {
          url = scalar(entry.getValueNode(), where + ".url");
          if (!url.contains("{key}")) {
            throw invalid(entry.getValueNode(), where + ".url", "must contain {key}, e.g. https://jira.example.com/browse/{key}");
          }
        }
        default -> throw invalid(entry.getKeyNode(), where + "." + key, "is not a tickets setting (pattern, url)"
            + KeySuggestion.didYouMean(key, List.of("pattern", "url")));
      }
    }
    return new TicketMatcher(pattern, url);
  }

  private static int positive(Node node, String where) throws InvalidException {
    String text = scalar(node, where);
    try {
      int n = Integer.parseInt(text.strip());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // below
    }
    throw invalid(node, where, "must be a positive whole number, was '" + text + "'");
  }
}
