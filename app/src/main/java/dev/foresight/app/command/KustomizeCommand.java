package dev.foresight.app.command;

import dev.foresight.kustomize.BuildWarning;
import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.LoadRestrictor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code foresight kustomize DIR}: the native engine, printing what {@code kubectl kustomize DIR}
 * prints. The tree is rooted at the file-system root so that, as with kustomize, directories may be
 * reached through {@code ../} from anywhere; kustomize's load restrictions (files only in or below
 * each kustomization's directory) still apply. kustomize's deprecation warnings go to stderr, line
 * for line as kubectl prints them; stdout holds the output only.
 */
@Command(name = "kustomize", description = "Build a kustomization with the native engine (like kubectl kustomize DIR).")
public final class KustomizeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "The kustomization directory.")
  Path dir;

  @Option(names = "--load-restrictor", paramLabel = "R", defaultValue = "LoadRestrictionsRootOnly",
      description = "As kubectl's: LoadRestrictionsRootOnly (default) refuses files outside the directory of the "
          + "kustomization that names them; LoadRestrictionsNone (what Flux builds with) allows them.")
  String loadRestrictor;

  @Override
  public Integer call() {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      err.println("Error: must build at directory: not a valid directory: '" + dir + "'");
      return 1;
    }
    LoadRestrictor restrictor;
    try {
      restrictor = LoadRestrictor.of(loadRestrictor);
    } catch (IllegalArgumentException e) {
      err.println("Error: --load-restrictor: " + e.getMessage());
      return 2;
    }
    Path root = absolute.getRoot();
    try {
      Kustomizer.Built built = Kustomizer.render(new DirectoryFileTree(root), root.relativize(absolute).toString(),
          restrictor);
      printWarnings(err, built.warnings());
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      out.print(built.yaml());
      out.flush();
      return 0;
    } catch (KustomizeException e) {
      printWarnings(err, e.warnings());
      err.println("Error: " + displayPaths(e.getMessage(), absolute, dir.isAbsolute(),
          Path.of("").toAbsolutePath().normalize()));
      return 1;
    } catch (RuntimeException e) {
      err.println("Error: " + e);
      return 1;
    }
  }

  /** kustomize's warnings, one line each, as kubectl prints them on stderr (before its output or error). */
  private static void printWarnings(PrintStream err, List<BuildWarning> warnings) {
    for (BuildWarning warning : warnings) {
      err.print(warning.kubectlText() + "\n");
    }
    err.flush();
  }

  /** A path-like token: not part of a longer path or URL, no quotes, blanks, colons or brackets. */
  private static final Pattern TOKEN = Pattern.compile("(?<![\\w./~-])[\\w.~@+-][^\\s'\"():,\\[\\]]*");

  /**
   * The engine names files by their path from the file-system root without the leading {@code /}
   * (its tree is rooted there); the user gave {@code dir} either absolute or relative to the working
   * directory, so such paths are printed the same way. A token counts as such a path when it starts
   * with the build directory's top-level segment and it, or its parent, exists.
   */
  static String displayPaths(String message, Path buildDir, boolean absolute, Path cwd) {
    Path root = buildDir.getRoot();
    if (root == null || buildDir.getNameCount() == 0) {
      return message;
    }
    String top = buildDir.getName(0).toString();
    Matcher m = TOKEN.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String token = m.group();
      String path = token.replaceAll("[.]+$", "");
      String trailing = token.substring(path.length());
      String replacement = token;
      if (!path.isEmpty() && (path.equals(top) || path.startsWith(top + "/")) && !path.contains("..")) {
        Path file = root.resolve(path).normalize();
        if (Files.exists(file) || (file.getParent() != null && Files.isDirectory(file.getParent()))) {
          String shown = absolute ? file.toString() : cwd.relativize(file).toString();
          replacement = (shown.isEmpty() ? "." : shown) + trailing;
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
