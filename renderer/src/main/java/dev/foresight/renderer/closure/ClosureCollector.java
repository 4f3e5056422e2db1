package dev.foresight.renderer.closure;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.OverlayFileTree;
import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.flux.PlainYaml;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.remote.RemoteReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Finds, statically from the kustomization files, every input {@code kustomize build DIR} (as run
 * by Flux's kustomize-controller) reads from the tree. Never throws: what cannot be resolved is
 * recorded and listed in {@link Closure#problems()}.
 *
 * <p>Followed: {@code resources}, {@code bases}, {@code components} (recursively, into every
 * kustomization directory reached), {@code patches[].path}, {@code patchesStrategicMerge} file
 * entries, {@code patchesJson6902[].path}, {@code configMapGenerator}/{@code secretGenerator}
 * {@code files}/{@code envs}/{@code env}, {@code configurations}, {@code crds}, {@code
 * openapi.path}, {@code replacements[].path}, {@code transformers}/{@code generators}/{@code
 * validators} file or directory entries (and the {@code path}/{@code paths}/{@code valuesFile}
 * fields of the configs they hold), {@code helmCharts} values files and chart home. A directory
 * without kustomization file, which Flux builds from the YAML files below it, is recorded as a
 * whole tree. Of a GitRepository's {@link SourceArtifactTree}, the {@code .sourceignore} file of every
 * input's directory and of their ancestors (present or not) is recorded as a file too: it decides
 * what of them the artifact holds.
 */
public final class ClosureCollector {

  /** The file names kustomize accepts, in its order of preference. */
  public static final List<String> KUSTOMIZATION_FILES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private final FileTree tree;
  private final Set<String> files = new TreeSet<>();
  private final Set<String> trees = new TreeSet<>();
  private final Set<String> directories = new TreeSet<>();
  private final Set<String> remote = new TreeSet<>();
  private final List<RemoteReference> references = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final Set<String> visited = new HashSet<>();

  private ClosureCollector(FileTree tree) {
    this.tree = tree;
  }

  /** The closure of {@code kustomize build dir} as Flux runs it ({@code dir} like a spec.path). */
  public static Closure collect(FileTree tree, String dir) {
    return collect(tree, dir, List.of());
  }

  /**
   * The closure of a Flux Kustomization's build: {@code dir} is its {@code spec.path},
   * {@code fluxComponents} its {@code spec.components} (relative to the path).
   */
  public static Closure collect(FileTree tree, String dir, List<String> fluxComponents) {
    ClosureCollector c = new ClosureCollector(tree);
    try {
      c.root(dir, fluxComponents);
      c.ignoreFiles();
    } catch (IOException | RuntimeException e) {
      c.problem("reading " + dir + " from " + tree.describe() + " failed: " + e);
    }
    return new Closure(c.files, c.trees, c.directories, c.remote, c.problems);
  }

  /**
   * Every reference of the build of {@code dir} (its whole kustomization closure) that kustomize
   * would fetch rather than read from the tree: remote resources, bases and components, file-valued
   * fields holding an HTTP(S) URL, helm chart repositories (see {@link RemoteReference}).
   */
  public static List<RemoteReference> remoteReferences(FileTree tree, String dir) {
    ClosureCollector c = new ClosureCollector(tree);
    try {
      c.root(dir, List.of());
    } catch (IOException | RuntimeException e) {
      c.problem("reading " + dir + " from " + tree.describe() + " failed: " + e);
    }
    return List.copyOf(c.references);
  }

  /**
   * A GitRepository's artifact: the {@code .sourceignore} files (present or not) of the directories
   * of every input decide whether it is in the artifact, so they are inputs too.
   */
  private void ignoreFiles() throws IOException {
    FileTree base = tree instanceof OverlayFileTree overlay ? overlay.base() : tree;
    if (base instanceof SourceArtifactTree artifact) {
      Set<String> inputs = new TreeSet<>(files);
      inputs.addAll(trees);
      inputs.addAll(directories);
      files.addAll(artifact.ignoreFiles(inputs));
    }
  }

  private void root(String dir, List<String> fluxComponents) throws IOException {
    String path;
    try {
      path = TreePath.normalize(dir);
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return;
    }
    if (!tree.isDirectory(path)) {
      files.add(path);
      problem("path '" + dir + "' is not a directory of " + tree.describe());
      return;
    }
    if (kustomizationFile(path).isPresent()) {
      kustomizationDir(path, "path " + dir);
    } else {
      // Flux generates a kustomization from every YAML file below: any file added, removed or
      // changed below counts; sub-directories with their own kustomization are built as a whole.
      directories.add(path);
      trees.add(path);
      scanGenerated(path);
    }
    for (String component : fluxComponents) {
      resource(path, component, "spec.components");
    }
  }

  private void scanGenerated(String dir) throws IOException {
    for (String name : tree.list(dir)) {
      String child = join(dir, name);
      if (tree.isDirectory(child)) {
        if (kustomizationFile(child).isPresent()) {
          kustomizationDir(child, "generated kustomization of " + dir);
        } else {
          scanGenerated(child);
        }
      }
    }
  }

  private void kustomizationDir(String dir, String from) throws IOException {
    if (!visited.add(dir)) {
      return;
    }
    directories.add(dir);
    Optional<String> file = kustomizationFile(dir);
    if (file.isEmpty()) {
      trees.add(dir);
      problem("directory " + dir + " (" + from + ") has no kustomization file");
      return;
    }
    String kfile = file.get();
    files.add(kfile);
    Map<?, ?> k = parseMap(kfile);
    if (k == null) {
      return;
    }
    for (String key : List.of("resources", "bases", "components")) {
      for (String entry : strings(k.get(key), kfile, key)) {
        resource(dir, entry, kfile + " " + key);
      }
    }
    for (Map<?, ?> patch : PlainYaml.maps(k.get("patches"))) {
      optionalFile(dir, patch.get("path"), kfile, "patches");
    }
    for (String entry : strings(k.get("patchesStrategicMerge"), kfile, "patchesStrategicMerge")) {
      if (!entry.contains("\n")) {
        file(dir, entry, kfile + " patchesStrategicMerge");
      }
    }
    for (Map<?, ?> patch : PlainYaml.maps(k.get("patchesJson6902"))) {
      optionalFile(dir, patch.get("path"), kfile, "patchesJson6902");
    }
    for (String key : List.of("configMapGenerator", "secretGenerator")) {
      for (Map<?, ?> generator : PlainYaml.maps(k.get(key))) {
        for (String entry : strings(generator.get("files"), kfile, key + ".files")) {
          int eq = entry.indexOf('=');
          file(dir, eq < 0 ? entry : entry.substring(eq + 1), kfile + " " + key + ".files");
        }
        for (String entry : strings(generator.get("envs"), kfile, key + ".envs")) {
          file(dir, entry, kfile + " " + key + ".envs");
        }
        optionalFile(dir, generator.get("env"), kfile, key + ".env");
      }
    }
    for (String key : List.of("configurations", "crds")) {
      for (String entry : strings(k.get(key), kfile, key)) {
        file(dir, entry, kfile + " " + key);
      }
    }
    if (k.get("openapi") instanceof Map<?, ?> openapi) {
      optionalFile(dir, openapi.get("path"), kfile, "openapi.path");
    }
    for (Map<?, ?> replacement : PlainYaml.maps(k.get("replacements"))) {
      optionalFile(dir, replacement.get("path"), kfile, "replacements");
    }
    for (String key : List.of("transformers", "generators", "validators")) {
      for (String entry : strings(k.get(key), kfile, key)) {
        plugin(dir, entry, kfile + " " + key);
      }
    }
    helm(dir, k, kfile);
  }

  private void resource(String dir, String entry, String from) throws IOException {
    Optional<RemoteReference> fetched = RemoteReference.ofDirectoryEntry(entry, from);
    if (fetched.isPresent()) {
      // kustomize tries a repository address before a local directory of the same name
      fetched(fetched.get());
      return;
    }
    if (isUrl(entry)) {
      remote.add(entry);
      return;
    }
    String path = resolve(dir, entry, from);
    if (path == null) {
      return;
    }
    if (tree.isDirectory(path)) {
      kustomizationDir(path, from);
    } else if (tree.isFile(path)) {
      files.add(path);
    } else if (looksRemote(entry)) {
      remote.add(entry);
    } else {
      files.add(path);
      problem(from + ": '" + entry + "' (" + path + ") does not exist");
    }
  }

  private void file(String dir, String entry, String from) throws IOException {
    Optional<RemoteReference> fetched = RemoteReference.ofFileEntry(entry, from);
    if (fetched.isPresent()) {
      fetched(fetched.get());
      return;
    }
    String path = resolve(dir, entry.trim(), from);
    if (path == null) {
      return;
    }
    files.add(path);
    if (tree.isDirectory(path)) {
      trees.add(path);
    } else if (!tree.isFile(path)) {
      problem(from + ": '" + entry + "' (" + path + ") does not exist");
    }
  }

  private void optionalFile(String dir, Object value, String kfile, String field) throws IOException {
    if (value instanceof String s && !s.isBlank()) {
      file(dir, s, kfile + " " + field);
    } else if (value != null) {
      problem(kfile + " " + field + ": expected a file path, found " + value);
    }
  }

  /** A transformer/generator/validator entry: inline config, a config file, or a kustomization. */
  private void plugin(String dir, String entry, String from) throws IOException {
    if (entry.contains("\n")) {
      pluginConfigs(dir, loadAll(entry, from), from);
      return;
    }
    Optional<RemoteReference> fetched = RemoteReference.ofDirectoryEntry(entry, from);
    if (fetched.isPresent()) {
      fetched(fetched.get());
      return;
    }
    if (isUrl(entry)) {
      remote.add(entry);
      return;
    }
    String path = resolve(dir, entry, from);
    if (path == null) {
      return;
    }
    if (tree.isDirectory(path)) {
      // a kustomization whose output is plugin configs: their file fields count too
      Set<String> before = new HashSet<>(files);
      kustomizationDir(path, from);
      for (String file : new ArrayList<>(files)) {
        if (!before.contains(file) && !KUSTOMIZATION_FILES.contains(file.substring(file.lastIndexOf('/') + 1))) {
          Optional<byte[]> bytes = tree.read(file);
          if (bytes.isPresent()) {
            pluginConfigs(dir, loadAll(new String(bytes.get(), StandardCharsets.UTF_8), file), file);
          }
        }
      }
    } else if (tree.isFile(path)) {
      files.add(path);
      Optional<byte[]> bytes = tree.read(path);
      if (bytes.isPresent()) {
        pluginConfigs(dir, loadAll(new String(bytes.get(), StandardCharsets.UTF_8), path), path);
      }
    } else {
      files.add(path);
      problem(from + ": '" + entry + "' (" + path + ") does not exist");
    }
  }

  /** Best effort: the file fields of builtin plugin configs; exec/KRM functions are opaque. */
  private void pluginConfigs(String dir, List<Object> docs, String from) throws IOException {
    for (Object doc : docs) {
      if (!(doc instanceof Map<?, ?> config)) {
        continue;
      }
      if (config.get("metadata") instanceof Map<?, ?> metadata && metadata.get("annotations") instanceof Map<?, ?> a
          && (a.containsKey("config.kubernetes.io/function") || a.containsKey("config.k8s.io/function"))) {
        problem(from + ": a KRM function plugin reads inputs that are not known statically");
      }
      for (String key : List.of("path", "valuesFile")) {
        if (config.get(key) instanceof String s && !s.isBlank() && !s.contains("\n")) {
          file(dir, s, from + " " + key);
        }
      }
      for (String key : List.of("paths", "additionalValuesFiles")) {
        for (String s : strings(config.get(key), from, key)) {
          file(dir, s, from + " " + key);
        }
      }
      for (Map<?, ?> replacement : PlainYaml.maps(config.get("replacements"))) {
        optionalFile(dir, replacement.get("path"), from, "replacements");
      }
      if (config.get("repo") instanceof String repo && !repo.isBlank()) {
        remote.add(repo);
        references.add(RemoteReference.ofHelmRepository(repo, from + " repo"));
      }
    }
  }

  private void helm(String dir, Map<?, ?> k, String kfile) throws IOException {
    List<Map<?, ?>> charts = PlainYaml.maps(k.get("helmCharts"));
    List<Map<?, ?>> legacy = PlainYaml.maps(k.get("helmChartInflationGenerator"));
    if (charts.isEmpty() && legacy.isEmpty()) {
      return;
    }
    String chartHome = "charts";
    if (k.get("helmGlobals") instanceof Map<?, ?> globals && globals.get("chartHome") instanceof String home) {
      chartHome = home;
    }
    String home = resolve(dir, chartHome, kfile + " helmGlobals.chartHome");
    if (home != null) {
      trees.add(home);
    }
    for (Map<?, ?> chart : charts) {
      optionalFile(dir, chart.get("valuesFile"), kfile, "helmCharts.valuesFile");
      for (String s : strings(chart.get("additionalValuesFiles"), kfile, "helmCharts.additionalValuesFiles")) {
        file(dir, s, kfile + " helmCharts.additionalValuesFiles");
      }
      if (chart.get("repo") instanceof String repo && !repo.isBlank()) {
        remote.add(repo + " " + chart.get("name") + " " + chart.get("version"));
        references.add(RemoteReference.ofHelmRepository(repo, kfile + " helmCharts.repo"));
      }
    }
    for (Map<?, ?> chart : legacy) {
      if (chart.get("chartHome") instanceof String h) {
        String p = resolve(dir, h, kfile + " helmChartInflationGenerator.chartHome");
        if (p != null) {
          trees.add(p);
        }
      }
      optionalFile(dir, chart.get("values"), kfile, "helmChartInflationGenerator.values");
      if (chart.get("chartRepoUrl") instanceof String repo && !repo.isBlank()) {
        remote.add(repo);
        references.add(RemoteReference.ofHelmRepository(repo, kfile + " helmChartInflationGenerator.chartRepoUrl"));
      }
    }
  }

  private void fetched(RemoteReference reference) {
    remote.add(reference.entry());
    references.add(reference);
  }

  private Optional<String> kustomizationFile(String dir) throws IOException {
    for (String name : KUSTOMIZATION_FILES) {
      String path = join(dir, name);
      if (tree.isFile(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private Map<?, ?> parseMap(String file) throws IOException {
    Optional<byte[]> bytes = tree.read(file);
    if (bytes.isEmpty()) {
      problem(file + " cannot be read");
      return null;
    }
    List<Object> docs = loadAll(new String(bytes.get(), StandardCharsets.UTF_8), file);
    if (docs.isEmpty() || docs.get(0) == null) {
      return Map.of();
    }
    if (docs.size() > 1 || !(docs.get(0) instanceof Map<?, ?> map)) {
      problem(file + " is not a single YAML mapping");
      return null;
    }
    return map;
  }

  private List<Object> loadAll(String text, String from) {
    List<Object> docs = new ArrayList<>();
    try {
      for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
        docs.add(doc);
      }
    } catch (RuntimeException e) {
      problem(from + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    return docs;
  }

  private String resolve(String dir, String entry, String from) {
    try {
      return TreePath.resolve(dir, entry);
    } catch (IllegalArgumentException e) {
      problem(from + ": " + e.getMessage());
      return null;
    }
  }

  private List<String> strings(Object value, String file, String field) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (value instanceof String s) {
      out.add(s);
      return out;
    }
    if (!(value instanceof List<?> list)) {
      problem(file + " " + field + ": expected a list, found " + value);
      return out;
    }
    for (Object item : list) {
      if (item instanceof String s) {
        out.add(s);
      } else {
        problem(file + " " + field + ": expected a string entry, found " + item);
      }
    }
    return out;
  }

  private void problem(String message) {
    if (!problems.contains(message)) {
      problems.add(message);
    }
  }

  private static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** Unambiguously remote: a URL or scp-like git address. */
  static boolean isUrl(String entry) {
    return entry.contains("://") || entry.startsWith("git@") || entry.startsWith("git::");
  }

  /** Remote the way kustomize guesses it for a path that is not local (host/org/repo, ?ref=). */
  static boolean looksRemote(String entry) {
    if (entry.contains("?ref=") || entry.contains("?version=") || entry.contains(".git//")) {
      return true;
    }
    int slash = entry.indexOf('/');
    String first = slash < 0 ? entry : entry.substring(0, slash);
    return slash > 0 && first.contains(".") && !first.startsWith(".");
  }
}
