package dev.foresight.app.command;

import dev.foresight.kustomize.DirectoryFileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code foresight kustomize DIR}: the native engine, printing what {@code kubectl kustomize DIR}
 * prints. The tree is rooted at the file-system root so that, as with kustomize, directories may be
 * reached through {@code ../} from anywhere; kustomize's load restrictions (files only in or below
 * each kustomization's directory) still apply.
 */
@Command(name = "kustomize", description = "Build a kustomization with the native engine (like kubectl kustomize DIR).")
public final class KustomizeCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "The kustomization directory.")
  Path dir;

  @Override
  public Integer call() {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    Path absolute = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      err.println("Error: must build at directory: not a valid directory: '" + dir + "'");
      return 1;
    }
    Path root = absolute.getRoot();
    try {
      String yaml = Kustomizer.buildYaml(new DirectoryFileTree(root), root.relativize(absolute).toString());
      PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
      out.print(yaml);
      out.flush();
      return 0;
    } catch (KustomizeException e) {
      err.println("Error: " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      err.println("Error: " + e);
      return 1;
    }
  }
}
