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

  /** The git blob id of {@code content}: SHA-1 of {@code "blob <length>\0" + content}, 40 hex. */
  public static String blobId(byte[] content) {
    try {
      java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + content.length + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return java.util.HexFormat.of().formatHex(sha1.digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
