package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.flux.ArtifactGenerator.CopyOperation;
import dev.foresight.renderer.flux.ArtifactTree.Kind;
import dev.foresight.renderer.flux.ArtifactTree.Origin;
import dev.foresight.renderer.flux.ArtifactTree.Rule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The copy operations of an ArtifactGenerator's artifact ({@code spec.artifacts[].copy}), applied
 * the way source-watcher's builder stages an artifact, into an {@link ArtifactTree}:
 *
 * <ul>
 *   <li>operations run in order; a later one overwrites the files of an earlier one;
 *   <li>{@code from: "@alias/<path>"} without glob characters ({@code * ? [ ]}) is a file or a
 *       directory (cp-like): a directory lands as {@code <to>/<its name>/...} ({@code @alias/} as
 *       the root: its contents land in {@code <to>}); a file lands at {@code <to>/<its name>} when
 *       {@code to} ends with {@code /} or already is a staged directory, else at {@code <to>};
 *   <li>with glob characters, Go's {@code fs.Glob} selects files and directories at one level per
 *       pattern segment ({@code **} is {@code *} twice, not recursion); each match lands at
 *       {@code <to>/<match>}, or {@code <to>/<match below dir>} for a pattern {@code <dir>/**}; a
 *       matched directory is copied whole; no match, or every match excluded, is an error;
 *   <li>{@code exclude} (doublestar) is matched against the source path and against the path below
 *       the literal prefix of {@code from}; a pattern without {@code /} also against the file name;
 *       an excluded directory is skipped whole;
 *   <li>the artifact is archived without the default exclusions of Flux's archiver
 *       ({@link SourceIgnore#VCS} and {@link SourceIgnore#DEFAULTS}: VCS and CI files, images,
 *       archives, {@code .sops.yaml}, {@code .flux.yaml}, ...).
 * </ul>
 *
 * Not rendered (an {@link Problem#unsupported()} problem), because it cannot be reproduced exactly:
 * {@code strategy: Extract}, and {@code strategy: Merge} where a merge would happen (the
 * destination exists; a Merge onto nothing is a copy).
 */
public final class ArtifactCopy {

  /** Why the artifact cannot be built: Flux fails too, or Foresight cannot reproduce it. */
  public static final class Problem extends Exception {
    private final boolean unsupported;

    Problem(String message, boolean unsupported) {
      super(message);
      this.unsupported = unsupported;
    }

    /** True when Flux would build it but Foresight does not reproduce it (not rendered, not failed). */
    public boolean unsupported() {
      return unsupported;
    }
  }

  private static final String ARTIFACT = "@artifact/";
  private final Map<String, FileTree> sources;
  private final TreeMap<String, Origin> files = new TreeMap<>();
  private final TreeSet<String> directories = new TreeSet<>();
  private final List<Rule> rules = new ArrayList<>();

  private ArtifactCopy(Map<String, FileTree> sources) {
    this.sources = sources;
  }

  /** The aliases the operations read (those whose {@code from} parses). */
  public static Set<String> aliases(List<CopyOperation> operations) {
    Set<String> out = new LinkedHashSet<>();
    for (CopyOperation op : operations) {
      int slash = op.from().indexOf('/');
      if (op.from().startsWith("@") && slash > 0) {
        out.add(op.from().substring(1, slash));
      }
    }
    return out;
  }

  /**
   * Applies {@code operations} to the trees of {@code sources} (by alias).
   *
   * @param description what the tree calls itself, e.g. {@code ExternalArtifact flux-system/apps}
   * @param sourceDescriptions each alias's source, for messages and affected-only planning
   * @param spec what the content depends on besides the files (kept for affected-only planning)
   */
  public static ArtifactTree build(String description, List<CopyOperation> operations, Map<String, FileTree> sources,
      Map<String, String> sourceDescriptions, Object spec) throws Problem, IOException {
    ArtifactCopy copy = new ArtifactCopy(sources);
    for (CopyOperation op : operations) {
      try {
        copy.apply(op);
      } catch (Problem e) {
        throw new Problem("copy from '" + op.from() + "' to '" + op.to() + "': " + e.getMessage(), e.unsupported());
      }
    }
    TreeMap<String, Origin> archived = new TreeMap<>();
    copy.files.forEach((path, origin) -> {
      if (!defaultExcluded(path)) {
        archived.put(path, origin);
      }
    });
    return new ArtifactTree(description, sources, sourceDescriptions, archived, copy.rules, spec);
  }

  private void apply(CopyOperation op) throws Problem, IOException {
    if (!op.from().startsWith("@") || op.from().indexOf('/') < 0) {
      throw failed("from must be '@<alias>/<path or glob>'");
    }
    String alias = op.from().substring(1, op.from().indexOf('/'));
    String pattern = op.from().substring(alias.length() + 2);
    if (!op.to().startsWith(ARTIFACT)) {
      throw failed("to must be '@artifact/<path>'");
    }
    String to = op.to().substring(ARTIFACT.length());
    boolean intoDirectory = op.to().endsWith("/");
    String strategy = op.strategy();
    if (strategy.equals("Extract")) {
      throw new Problem("strategy Extract (tarballs unpacked into the artifact) is not supported offline", true);
    }
    if (!strategy.isEmpty() && !strategy.equals("Overwrite") && !strategy.equals("Merge")) {
      throw failed("unknown strategy '" + strategy + "' (Overwrite, Merge or Extract)");
    }
    FileTree tree = sources.get(alias);
    if (tree == null) {
      throw failed("source alias '" + alias + "' is not in spec.sources");
    }
    List<Pattern> excludes = new ArrayList<>();
    for (String exclude : op.exclude()) {
      try {
        excludes.add(ArtifactGlobs.doublestar(exclude));
      } catch (ArtifactGlobs.BadPattern e) {
        throw failed("invalid exclude pattern '" + exclude + "'");
      }
    }
    List<String> excludeTexts = op.exclude();
    boolean merge = strategy.equals("Merge");
    if (!ArtifactGlobs.isGlob(pattern)) {
      single(alias, tree, pattern, to, intoDirectory, excludes, excludeTexts, merge);
      return;
    }
    List<String> matches;
    try {
      matches = ArtifactGlobs.glob(tree, pattern);
    } catch (ArtifactGlobs.BadPattern e) {
      throw failed("invalid glob pattern '" + pattern + "': " + e.getMessage());
    }
    if (matches.isEmpty()) {
      throw failed("no files match pattern '" + pattern + "' in source '" + alias + "'");
    }
    String root = selectionRoot(pattern);
    List<String> kept = new ArrayList<>();
    for (String match : matches) {
      if (!excluded(match, root, excludes, excludeTexts)) {
        kept.add(match);
      }
    }
    if (kept.isEmpty()) {
      throw failed("all files matching pattern '" + pattern + "' in source '" + alias + "' were excluded");
    }
    String strip = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : null;
    rules.add(new Rule(alias, Kind.GLOB, root, path(to), null, strip, strip != null && !ArtifactGlobs.isGlob(strip)));
    for (String match : kept) {
      String rest = strip != null && match.startsWith(strip + "/") ? match.substring(strip.length() + 1) : match;
      String dest = path(to + "/" + rest);
      if (tree.isDirectory(match)) {
        copyDirectory(alias, tree, match, dest, excludes, excludeTexts, root);
      } else {
        copyFile(alias, match, dest, merge);
      }
    }
  }

  private void single(String alias, FileTree tree, String pattern, String to, boolean intoDirectory,
      List<Pattern> excludes, List<String> excludeTexts, boolean merge) throws Problem, IOException {
    String source = path(pattern);
    if (tree.isDirectory(source)) {
      String dest = path(to + "/" + name(source));
      rules.add(new Rule(alias, Kind.DIRECTORY, source, dest, null, null, false));
      copyDirectory(alias, tree, source, dest, excludes, excludeTexts, source);
      return;
    }
    if (!tree.isFile(source)) {
      throw failed("source '" + (source.isEmpty() ? "." : source) + "' does not exist");
    }
    String named = path(to + "/" + name(source));
    String asIs = path(to);
    rules.add(new Rule(alias, Kind.FILE, source, intoDirectory ? named : asIs, intoDirectory ? asIs : named, null,
        false));
    if (excluded(source, "", excludes, excludeTexts)) {
      return;
    }
    copyFile(alias, source, intoDirectory || directories.contains(asIs) || asIs.isEmpty() ? named : asIs, merge);
  }

  private void copyDirectory(String alias, FileTree tree, String source, String dest, List<Pattern> excludes,
      List<String> excludeTexts, String root) throws Problem, IOException {
    makeDirectories(dest);
    for (String name : tree.list(source)) {
      String child = source.isEmpty() ? name : source + "/" + name;
      if (excluded(child, root, excludes, excludeTexts)) {
        continue;
      }
      String target = dest.isEmpty() ? name : dest + "/" + name;
      if (tree.isDirectory(child)) {
        copyDirectory(alias, tree, child, target, excludes, excludeTexts, root);
      } else {
        put(target, new Origin(alias, child));
      }
    }
  }

  private void copyFile(String alias, String source, String dest, boolean merge) throws Problem {
    if (merge && (files.containsKey(dest) || directories.contains(dest))) {
      throw new Problem("strategy Merge onto the existing " + dest + " (a Helm-style YAML values merge) is not"
          + " supported offline", true);
    }
    put(dest, new Origin(alias, source));
  }

  private void put(String dest, Origin origin) throws Problem {
    if (dest.isEmpty() || directories.contains(dest)) {
      throw failed("cannot write file '" + dest + "' of the artifact: it is a directory");
    }
    makeDirectories(TreePath.parent(dest));
    files.put(dest, origin);
  }

  private void makeDirectories(String dir) throws Problem {
    for (String d = dir; !d.isEmpty(); d = TreePath.parent(d)) {
      if (files.containsKey(d)) {
        throw failed("cannot create directory '" + dir + "' of the artifact: '" + d + "' is a file");
      }
      directories.add(d);
    }
  }

  /**
   * source-watcher's exclusion: a pattern matches the source path, or the path below {@code root}
   * (the literal prefix of {@code from}); one without {@code /} also matches the file name.
   */
  private static boolean excluded(String path, String root, List<Pattern> excludes, List<String> texts) {
    if (matchesAny(path, excludes, texts)) {
      return true;
    }
    if (root.isEmpty()) {
      return false;
    }
    return path.startsWith(root + "/") && matchesAny(path.substring(root.length() + 1), excludes, texts);
  }

  private static boolean matchesAny(String path, List<Pattern> excludes, List<String> texts) {
    String name = name(path);
    for (int i = 0; i < excludes.size(); i++) {
      Pattern exclude = excludes.get(i);
      if (exclude.matcher(path).matches() || !texts.get(i).contains("/") && exclude.matcher(name).matches()) {
        return true;
      }
    }
    return false;
  }

  /** The path segments of {@code pattern} before the first one with glob characters. */
  static String selectionRoot(String pattern) throws Problem {
    List<String> literal = new ArrayList<>();
    for (String segment : path(pattern).split("/")) {
      if (ArtifactGlobs.isGlob(segment)) {
        break;
      }
      literal.add(segment);
    }
    return String.join("/", literal);
  }

  /**
   * A file Flux's archiver leaves out of the artifact: source-watcher archives the staged files with
   * {@code SourceIgnoreFilter(nil, nil)}, i.e. fluxcd/pkg's default matcher (VCS, file extensions,
   * CI files, {@code .goreleaser.yml}, {@code .sops.yaml}, {@code .flux.yaml}).
   */
  static boolean defaultExcluded(String path) {
    return SourceIgnore.ARCHIVER_DEFAULTS.excludedBy(path, false) != null;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String path(String path) throws Problem {
    try {
      return TreePath.normalize(path);
    } catch (IllegalArgumentException e) {
      throw failed("'" + path + "' escapes the root");
    }
  }

  private static Problem failed(String message) {
    return new Problem(message, false);
  }
}
