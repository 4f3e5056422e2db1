package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files of an ExternalArtifact built by {@link ArtifactCopy}: a read-only view whose every file
 * reads through to the source file it was copied from (nothing is copied in memory). Equal content
 * (paths and content ids) means equal trees, so an engine that keys materialised trees by tree
 * reuses one directory for the same artifact. Also knows, for affected-only planning, which source
 * paths can put a file at a given artifact path ({@link #candidates}).
 */
public final class ArtifactTree implements FileTree {

  /** Where an artifact file comes from: a path of the source of {@code alias}. */
  public record Origin(String alias, String path) {}

  /** How one copy operation placed files, reversible: see {@link #candidates}. */
  public enum Kind { FILE, DIRECTORY, GLOB }

  /**
   * One copy operation as applied.
   *
   * @param source FILE: the source file; DIRECTORY: the source directory; GLOB: the pattern's
   *     literal prefix directory (everything it can select is below it)
   * @param dest FILE: the file written; DIRECTORY and GLOB: the directory written into
   * @param altDest FILE: the other place the file goes had the destination been (or not been) an
   *     existing directory; else null
   * @param strip GLOB of {@code <dir>/**}: {@code <dir>}, stripped from each match; else null
   * @param stripIsLiteral {@code strip} has no glob characters (every match starts with it)
   */
  public record Rule(String alias, Kind kind, String source, String dest, String altDest, String strip,
      boolean stripIsLiteral) {

    /** The artifact directory (or file) this operation writes at or below. */
    public String area() {
      return dest;
    }
  }

  private final String description;
  private final Map<String, FileTree> sources;
  private final Map<String, String> sourceDescriptions;
  private final TreeMap<String, Origin> files;
  private final List<Rule> rules;
  private final Object spec;
  private volatile String contentKey;

  ArtifactTree(String description, Map<String, FileTree> sources, Map<String, String> sourceDescriptions,
      TreeMap<String, Origin> files, List<Rule> rules, Object spec) {
    this.description = description;
    this.sources = Map.copyOf(sources);
    this.sourceDescriptions = Map.copyOf(sourceDescriptions);
    this.files = new TreeMap<>(files);
    this.rules = List.copyOf(rules);
    this.spec = spec;
  }

  /** Artifact path to origin, sorted. */
  public Map<String, Origin> files() {
    return java.util.Collections.unmodifiableSortedMap(files);
  }

  /** The copy operations as applied, in order. */
  public List<Rule> rules() {
    return rules;
  }

  /**
   * The tree of each alias's source the files were copied from (a GitRepository's is its
   * {@link SourceArtifactTree}: its ignore rules decide what the artifact can hold).
   */
  public Map<String, FileTree> sources() {
    return sources;
  }

  /** The description of each alias's source (e.g. {@code this repository}). */
  public Map<String, String> sourceDescriptions() {
    return sourceDescriptions;
  }

  /**
   * What the artifact's content depends on besides its source files: the generator's artifact
   * spec and sources, as parsed (for affected-only planning: a change of it changes the artifact).
   */
  public Object spec() {
    return spec;
  }

  /**
   * The source paths (per alias) a file or directory at {@code artifactPath} can come from, by
   * any of the copy operations (a superset: a path listed may not exist or be excluded).
   */
  public Set<Origin> candidates(String artifactPath) {
    Set<Origin> out = new LinkedHashSet<>();
    for (Rule rule : rules) {
      out.addAll(candidates(rule, artifactPath));
    }
    return out;
  }

  /** {@link #candidates(String)} of one rule. */
  public static List<Origin> candidates(Rule rule, String artifactPath) {
    List<Origin> out = new ArrayList<>();
    switch (rule.kind()) {
      case FILE -> {
        if (artifactPath.equals(rule.dest()) || artifactPath.equals(rule.altDest())) {
          out.add(new Origin(rule.alias(), rule.source()));
        }
      }
      case DIRECTORY -> below(rule.dest(), artifactPath)
          .ifPresent(rest -> out.add(new Origin(rule.alias(), join(rule.source(), rest))));
      case GLOB -> below(rule.dest(), artifactPath).ifPresent(rest -> {
        if (rule.strip() != null) {
          out.add(new Origin(rule.alias(), join(rule.strip(), rest)));
        }
        if (rule.strip() == null || !rule.stripIsLiteral()) {
          out.add(new Origin(rule.alias(), rest));
        }
      });
      default -> throw new IllegalStateException(rule.kind().name());
    }
    return out;
  }

  /** {@code path} relative to {@code dir} when it is {@code dir} ({@code ""}) or below it. */
  public static Optional<String> below(String dir, String path) {
    if (dir.isEmpty()) {
      return Optional.of(path);
    }
    if (path.equals(dir)) {
      return Optional.of("");
    }
    return path.startsWith(dir + "/") ? Optional.of(path.substring(dir.length() + 1)) : Optional.empty();
  }

  private static String join(String dir, String rest) {
    return dir.isEmpty() ? rest : rest.isEmpty() ? dir : dir + "/" + rest;
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    Origin origin = files.get(TreePath.normalize(path));
    return origin == null ? Optional.empty() : sources.get(origin.alias()).read(origin.path());
  }

  @Override
  public boolean isFile(String path) {
    return files.containsKey(TreePath.normalize(path));
  }

  @Override
  public boolean isDirectory(String path) {
    String dir = TreePath.normalize(path);
    if (dir.isEmpty()) {
      return true;
    }
    String next = files.ceilingKey(dir + "/");
    return next != null && next.startsWith(dir + "/");
  }

  @Override
  public List<String> list(String path) {
    TreeSet<String> names = new TreeSet<>();
    TreePath.childNames(files.navigableKeySet(), TreePath.normalize(path), names);
    return List.copyOf(names);
  }

  @Override
  public Optional<String> contentId(String path) throws IOException {
    Origin origin = files.get(TreePath.normalize(path));
    return origin == null ? Optional.empty() : sources.get(origin.alias()).contentId(origin.path());
  }

  @Override
  public String describe() {
    return description;
  }

  /** SHA-256 over every artifact path and its content id. */
  public String contentKey() throws IOException {
    String key = contentKey;
    if (key == null) {
      MessageDigest sha = sha256();
      for (String path : files.keySet()) {
        sha.update(path.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(contentId(path).orElse("-").getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      key = HexFormat.of().formatHex(sha.digest());
      contentKey = key;
    }
    return key;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof ArtifactTree that) || !files.keySet().equals(that.files.keySet())) {
      return false;
    }
    try {
      return contentKey().equals(that.contentKey());
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public int hashCode() {
    return files.keySet().hashCode();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
