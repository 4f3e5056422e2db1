package dev.foresight.renderer.flux;

import dev.foresight.kustomize.FileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What source-controller leaves out of a GitRepository's artifact (fluxcd/source-controller
 * {@code reconcileArtifact}, fluxcd/pkg {@code sourceignore} and {@code SourceIgnoreFilter}):
 *
 * <ol>
 *   <li>the patterns of every {@code .sourceignore} file of the repository, each applying below its
 *       own directory (root first, then each directory's sub-directories by name, depth first; no
 *       {@code .git} directory is read), then the lines of {@code spec.ignore} (applying from the
 *       root); comment ({@code #}) and blank lines skipped;
 *   <li>when that gives no pattern at all: source-controller's defaults ({@link #VCS}, then
 *       {@link #DEFAULTS}); when it gives any: {@link #VCS} and those patterns only, so a
 *       {@code .sourceignore} or {@code spec.ignore} anywhere REPLACES the default exclusions of CI
 *       files, images, archives and {@code .sops.yaml} (the VCS ones always stay);
 *   <li>a path is excluded when the LAST pattern that matches it excludes it ({@code !} patterns
 *       re-include); every path is decided on its own (a file can be re-included inside an excluded
 *       directory: {@link IgnorePattern}).
 * </ol>
 *
 * Pure: reads the tree it is given.
 */
public final class SourceIgnore {

  /** The file name source-controller reads. */
  public static final String FILE = ".sourceignore";

  /** fluxcd/pkg {@code ExcludeVCS}: always applied. */
  static final List<String> VCS = List.of(".git/", ".gitignore", ".gitmodules", ".gitattributes");

  /** fluxcd/pkg {@code ExcludeExt}, {@code ExcludeCI}, {@code ExcludeExtra}: only without other patterns. */
  static final List<String> DEFAULTS = List.of("*.jpg", "*.jpeg", "*.gif", "*.png", "*.wmv", "*.flv", "*.tar.gz",
      "*.zip", ".github/", ".circleci/", ".travis.yml", ".gitlab-ci.yml", "appveyor.yml", ".drone.yml",
      "cloudbuild.yaml", "codeship-services.yml", "codeship-steps.yml", "**/.goreleaser.yml", "**/.sops.yaml",
      "**/.flux.yaml");

  private static final String DEFAULT_ORIGIN = "source-controller's default exclusions";

  /**
   * fluxcd/pkg {@code NewDefaultMatcher} with no other pattern ({@link #VCS}, then {@link #DEFAULTS}):
   * what Flux's archiver leaves out with {@code SourceIgnoreFilter(nil, nil)}, e.g. source-watcher
   * archiving an ArtifactGenerator's staged files.
   */
  static final SourceIgnore ARCHIVER_DEFAULTS = new SourceIgnore(defaultPatterns(true), true, null);

  private final List<IgnorePattern> patterns;
  private final boolean defaults;
  private final String specIgnore;

  private SourceIgnore(List<IgnorePattern> patterns, boolean defaults, String specIgnore) {
    this.patterns = List.copyOf(patterns);
    this.defaults = defaults;
    this.specIgnore = specIgnore;
  }

  /**
   * The rules of an artifact of {@code repository}.
   *
   * @param specIgnore {@code GitRepository.spec.ignore}, or null when unset (or the object unknown)
   * @param specOrigin how to name it in messages, e.g. {@code spec.ignore of GitRepository flux-system/apps}
   */
  public static SourceIgnore load(FileTree repository, String specIgnore, String specOrigin) throws IOException {
    List<IgnorePattern> user = new ArrayList<>();
    loadFiles(repository, "", List.of(), user);
    if (specIgnore != null) {
      read(specIgnore, List.of(), specOrigin, user);
    }
    List<IgnorePattern> all = defaultPatterns(user.isEmpty());
    all.addAll(user);
    return new SourceIgnore(all, user.isEmpty(), specIgnore);
  }

  /** {@link #VCS}, then {@link #DEFAULTS} when {@code withDefaults}, applying from the root. */
  private static List<IgnorePattern> defaultPatterns(boolean withDefaults) {
    List<IgnorePattern> all = new ArrayList<>();
    VCS.forEach(p -> all.add(IgnorePattern.parse(p, List.of(), DEFAULT_ORIGIN)));
    if (withDefaults) {
      DEFAULTS.forEach(p -> all.add(IgnorePattern.parse(p, List.of(), DEFAULT_ORIGIN)));
    }
    return all;
  }

  private static void loadFiles(FileTree tree, String dir, List<String> domain, List<IgnorePattern> out)
      throws IOException {
    String file = dir.isEmpty() ? FILE : dir + "/" + FILE;
    if (tree.isFile(file)) {
      read(new String(tree.read(file).orElseThrow(), StandardCharsets.UTF_8), domain, file, out);
    }
    for (String name : tree.list(dir)) {
      String child = dir.isEmpty() ? name : dir + "/" + name;
      if (!name.equals(".git") && tree.isDirectory(child)) {
        List<String> sub = new ArrayList<>(domain);
        sub.add(name);
        loadFiles(tree, child, sub, out);
      }
    }
  }

  /** Go's {@code bufio.Scanner} lines ({@code \r\n} or {@code \n}); comments and blank lines skipped. */
  private static void read(String text, List<String> domain, String origin, List<IgnorePattern> out) {
    String[] lines = text.split("\n", -1);
    int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
    for (int i = 0; i < count; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (!line.startsWith("#") && !line.strip().isEmpty()) {
        out.add(IgnorePattern.parse(line, domain, "line " + (i + 1) + " of " + origin));
      }
    }
  }

  /**
   * The pattern that excludes {@code path} (a tree path; {@code isDir} whether it is a directory),
   * or null when the artifact keeps it.
   */
  public IgnorePattern excludedBy(String path, boolean isDir) {
    if (path.isEmpty()) {
      return null;
    }
    List<String> elements = List.of(path.split("/"));
    for (int i = patterns.size() - 1; i >= 0; i--) {
      IgnorePattern.Result result = patterns.get(i).match(elements, isDir);
      if (result != IgnorePattern.Result.NO_MATCH) {
        return result == IgnorePattern.Result.EXCLUDE ? patterns.get(i) : null;
      }
    }
    return null;
  }

  /** True when some pattern re-includes ({@code !}): an excluded directory may then hold kept files. */
  boolean reincludes() {
    return patterns.stream().anyMatch(IgnorePattern::inclusion);
  }

  /** True when no {@code .sourceignore} nor {@code spec.ignore} gives a pattern: the defaults apply. */
  public boolean defaults() {
    return defaults;
  }

  /**
   * SHA-256 over what decides the rules besides the {@code .sourceignore} files of the directories
   * a build reads: whether the defaults apply (any {@code .sourceignore} anywhere turns them off)
   * and {@code spec.ignore}.
   */
  public String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("defaults=" + defaults + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update((specIgnore == null ? "spec.ignore unset" : "spec.ignore=" + specIgnore)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
