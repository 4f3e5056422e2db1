package dev.foresight.renderer.engine;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.FileTrees;
import dev.foresight.kustomize.OverlayFileTree;
import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.git.GitFileTree;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;

/**
 * Runs {@code kustomize build --load-restrictor LoadRestrictionsNone <dir>} when kustomize is on
 * PATH, else {@code kubectl kustomize ...} with the same flag: the build options of Flux
 * (fluxcd/pkg {@code kustomize.Build}: files outside the kustomization root but inside the source
 * may be loaded). A plain {@code kustomize build}: Flux's generated or rewritten kustomization files
 * come in as an {@link OverlayFileTree}.
 *
 * <p>A tree is written to a temporary directory once (per commit for git trees) and reused until
 * {@link #close()}. An overlay tree is materialised as hard links to its materialised base plus its
 * own files in a private directory, keyed by base and overlay content; the last
 * {@value #OVERLAYS_KEPT} are kept. Thread-safe.
 *
 * <p>The process runs offline ({@link OfflineProcess}: own network namespace when possible, dead
 * proxy, git without transports) unless the calling thread is inside
 * {@link NetworkAccess#allowing}, which {@code RemoteGuard} does only for builds whose every remote
 * reference the trusted policy allows.
 */
public final class ExecEngine implements Engine {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  /** How many materialised overlay trees are kept for reuse. */
  public static final int OVERLAYS_KEPT = 64;

  /** Flux builds with {@code LoadRestrictionsNone} (fluxcd/pkg kustomize.Build). */
  static final List<String> BUILD_FLAGS = List.of("--load-restrictor", "LoadRestrictionsNone");

  private static final Pattern KLOG =
      Pattern.compile("^[EWIF]\\d{4} [\\d:.]+\\s+\\d+ \\S+\\] \"command failed\" err=\"(.*)\"\\s*$");

  private final List<String> command;
  private final String name;
  private final Duration timeout;
  private final Path workDir;
  private final Map<Object, Materialised> trees = new ConcurrentHashMap<>();
  private final LinkedHashMap<String, Materialised> overlays = new LinkedHashMap<>(16, 0.75f, true);

  /** Uses the PATH of this process; {@code workDir} holds the materialised trees. */
  public ExecEngine(Path workDir, Duration timeout) {
    this(workDir, timeout, System.getenv("PATH"));
  }

  ExecEngine(Path workDir, Duration timeout, String path) {
    this.workDir = workDir;
    this.timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    Optional<Path> kustomize = onPath("kustomize", path);
    Optional<Path> kubectl = onPath("kubectl", path);
    if (kustomize.isPresent()) {
      command = List.of(kustomize.get().toString(), "build");
      name = "exec:kustomize";
    } else if (kubectl.isPresent()) {
      command = List.of(kubectl.get().toString(), "kustomize");
      name = "exec:kubectl";
    } else {
      command = List.of();
      name = "exec:none";
    }
  }

  /** True when kustomize or kubectl was found on PATH. */
  public boolean available() {
    return !command.isEmpty();
  }

  @Override
  public String name() {
    return name;
  }

  private volatile String version;

  /** The name plus what {@code <tool> version} prints (kubectl: client and kustomize versions). */
  @Override
  public String version() {
    String known = version;
    if (known == null) {
      known = name + " " + toolVersion();
      version = known;
    }
    return known;
  }

  private String toolVersion() {
    if (command.isEmpty()) {
      return "(no tool)";
    }
    List<String> ask = new ArrayList<>(List.of(command.get(0), "version"));
    if (name.endsWith("kubectl")) {
      ask.add("--client");
    }
    try {
      Process process = new ProcessBuilder(ask).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(30, TimeUnit.SECONDS);
      return out.strip().replace('\n', ' ');
    } catch (IOException e) {
      return "(version unknown: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(version unknown)";
    }
  }

  @Override
  public String build(FileTree tree, String dir) throws RenderException {
    if (command.isEmpty()) {
      throw new RenderException(
          "neither kustomize nor kubectl found on PATH; install kubectl (kustomize v5.5.0 is embedded) or kustomize");
    }
    String path = TreePath.normalize(dir);
    try {
      if (!tree.isDirectory(path)) {
        throw new RenderException("directory '" + path + "' does not exist in " + tree.describe());
      }
      if (tree instanceof OverlayFileTree overlay) {
        Path base = materialise(overlay.base());
        Materialised own = overlay(overlay);
        try {
          synchronized (own) {
            return run(own.overlay(base, overlay, workDir), path.isEmpty() ? "." : path);
          }
        } finally {
          boolean kept;
          synchronized (overlays) {
            kept = overlays.containsValue(own);
          }
          if (!kept) {
            own.delete(); // evicted while in use: nobody else deletes it
          }
        }
      }
      return run(materialise(tree), path.isEmpty() ? "." : path);
    } catch (IOException | UncheckedIOException e) {
      throw new RenderException("cannot build '" + path + "' of " + tree.describe() + ": " + e.getMessage(), e);
    }
  }

  private String run(Path root, String dir) throws RenderException, IOException {
    List<String> args = new ArrayList<>(command);
    args.addAll(BUILD_FLAGS);
    args.add(dir);
    File out = Files.createTempFile(workDir, "out", ".yaml").toFile();
    File err = Files.createTempFile(workDir, "err", ".txt").toFile();
    try {
      boolean offline = !NetworkAccess.allowed();
      ProcessBuilder builder = new ProcessBuilder(offline ? OfflineProcess.command(args) : args);
      if (offline) {
        OfflineProcess.environment(builder.environment());
      }
      Process process = builder.directory(root.toFile())
          .redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new RenderException(name + " build of '" + dir + "' timed out after " + timeout.toSeconds()
            + " s; raise the renderer timeout or simplify the kustomization");
      }
      if (process.exitValue() != 0) {
        String message = relativise(toolMessage(Files.readString(err.toPath(), StandardCharsets.UTF_8)), root);
        if (message.startsWith("invalid Kustomization")) {
          message = kustomizationFile(root, dir) + ": " + message;
        }
        throw new RenderException(message);
      }
      return Files.readString(out.toPath(), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderException("interrupted while building '" + dir + "'", e);
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }

  /** The tool's message without kubectl's log prefix ({@code E1125 ... run.go:72] "command failed" err="..."}). */
  static String toolMessage(String stderr) {
    List<String> lines = new ArrayList<>();
    for (String line : stderr.strip().split("\n")) {
      Matcher klog = KLOG.matcher(line);
      String text = klog.matches() ? klog.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : line;
      lines.add(text.startsWith("Error: ") ? text.substring("Error: ".length()) : text);
    }
    return String.join("\n", lines).strip();
  }

  private static String kustomizationFile(Path root, String dir) {
    for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
      if (Files.isRegularFile(root.resolve(dir).resolve(name))) {
        return TreePath.normalize(dir + "/" + name);
      }
    }
    return TreePath.normalize(dir) + " (no kustomization.yaml)";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String relativise(String message, Path root) {
    String absolute = root.toAbsolutePath().toString();
    String real = absolute;
    try {
      real = root.toRealPath().toString();
    } catch (IOException ignored) {
      // keep the absolute path
    }
    String result = message;
    for (String prefix : List.of(real, absolute)) {
      result = result.replace(prefix + "/", "").replace(prefix, ".");
    }
    return result;
  }

  private Path materialise(FileTree tree) throws IOException {
    return trees.computeIfAbsent(key(tree), k -> new Materialised()).get(tree, workDir);
  }

  private Materialised overlay(OverlayFileTree overlay) {
    String key = key(overlay.base()) + "+" + overlay.overlayKey();
    List<Materialised> evicted = new ArrayList<>();
    Materialised own;
    synchronized (overlays) {
      own = overlays.computeIfAbsent(key, k -> new Materialised());
      var it = overlays.entrySet().iterator();
      while (overlays.size() > OVERLAYS_KEPT && it.hasNext()) {
        Materialised eldest = it.next().getValue();
        if (eldest != own) {
          evicted.add(eldest);
          it.remove();
        }
      }
    }
    evicted.forEach(Materialised::delete);
    return own;
  }

  private static Object key(FileTree tree) {
    if (tree instanceof SourceArtifactTree artifact && key(artifact.repository()) instanceof String repository) {
      // a GitRepository's artifact: the repository's content and spec.ignore fix it
      return repository + "/artifact:" + artifact.ignore().digest();
    }
    return tree instanceof GitFileTree git ? "git:" + git.treeId() : tree;
  }

  @Override
  public void close() {
    for (Materialised m : trees.values()) {
      m.delete();
    }
    trees.clear();
    synchronized (overlays) {
      overlays.values().forEach(Materialised::delete);
      overlays.clear();
    }
  }

  private static Optional<Path> onPath(String tool, String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, tool);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** A tree written to disk once, lazily, by the first caller. */
  private static final class Materialised {
    private Path dir;

    synchronized Path get(FileTree tree, Path workDir) throws IOException {
      if (dir == null) {
        Files.createDirectories(workDir);
        Path target = Files.createTempDirectory(workDir, "tree");
        if (tree instanceof GitFileTree git) {
          git.materialise(target);
        } else {
          FileTrees.materialise(tree, target);
        }
        dir = target;
      }
      return dir;
    }

    /** Hard links to every file of {@code base}, then the overlay's own files (links replaced, never written through). */
    synchronized Path overlay(Path base, OverlayFileTree overlay, Path workDir) throws IOException {
      if (dir == null) {
        Files.createDirectories(workDir);
        Path target = Files.createTempDirectory(workDir, "overlay");
        try (Stream<Path> paths = Files.walk(base)) {
          for (Path source : (Iterable<Path>) paths::iterator) {
            Path copy = target.resolve(base.relativize(source).toString());
            if (Files.isDirectory(source)) {
              Files.createDirectories(copy);
            } else {
              try {
                Files.createLink(copy, source);
              } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, copy);
              }
            }
          }
        }
        for (Map.Entry<String, byte[]> file : overlay.overrides().entrySet()) {
          Path path = target.resolve(file.getKey());
          Files.createDirectories(path.getParent());
          Files.deleteIfExists(path);
          Files.write(path, file.getValue());
        }
        dir = target;
      }
      return dir;
    }

    synchronized void delete() {
      if (dir == null) {
        return;
      }
      try {
        FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
      } catch (IOException ignored) {
        // best effort: the directory is under the renderer's data dir
      }
      dir = null;
    }
  }
}
