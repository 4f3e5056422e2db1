package dev.foresight.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Operations over whole trees. */
public final class FileTrees {

  private FileTrees() {}

  /** Every regular file under {@code dir} (recursively), as tree paths, sorted. */
  public static List<String> walk(FileTree tree, String dir) throws IOException {
    List<String> out = new ArrayList<>();
    walk(tree, TreePath.normalize(dir), out);
    return out;
  }

  private static void walk(FileTree tree, String dir, List<String> out) throws IOException {
    for (String name : tree.list(dir)) {
      String path = dir.isEmpty() ? name : dir + "/" + name;
      if (tree.isDirectory(path)) {
        walk(tree, path, out);
      } else {
        out.add(path);
      }
    }
  }

  /** Writes every file of {@code tree} under {@code target} (which must exist). */
  public static void materialise(FileTree tree, Path target) throws IOException {
    for (String path : walk(tree, "")) {
      Path file = target.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, tree.read(path).orElseThrow());
    }
  }
}
