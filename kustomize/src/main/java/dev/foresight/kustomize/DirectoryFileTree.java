package dev.foresight.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A {@link FileTree} over a directory on disk. Symbolic links are followed as the file system does
 * ({@link #realPath} gives where they lead, for the load restrictor); one that points out of the
 * directory is refused, naming the link and its target.
 */
public final class DirectoryFileTree implements FileTree {

  private final Path root;

  public DirectoryFileTree(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalArgumentException("directory " + root + " does not exist", e);
    }
  }

  private Path resolve(String path) throws IOException {
    String normal = TreePath.normalize(path);
    Path resolved = root.resolve(normal);
    if (Files.exists(resolved) && !resolved.toRealPath().startsWith(root)) {
      throw new IOException(outOfTree(normal));
    }
    return resolved;
  }

  /** Why {@code path} leaves the tree: the first symbolic link on it that leads outside, and its target. */
  private String outOfTree(String path) {
    Path at = root;
    String prefix = "";
    for (String part : path.split("/")) {
      at = at.resolve(part);
      prefix = prefix.isEmpty() ? part : prefix + "/" + part;
      try {
        if (Files.isSymbolicLink(at) && !at.toRealPath().startsWith(root)) {
          return "'" + prefix + "' is a symbolic link to '" + Files.readSymbolicLink(at) + "', which points out of the"
              + " tree " + root + " (to " + at.toRealPath() + "); Foresight reads no file outside it: copy the file"
              + " into the tree or point the link inside it";
        }
      } catch (IOException unreadable) {
        break;
      }
    }
    return "'" + path + "' is reached through a symbolic link that points out of the tree " + root;
  }

  @Override
  public String realPath(String path) throws IOException {
    Path resolved = resolve(path);
    if (!Files.exists(resolved)) {
      return TreePath.normalize(path);
    }
    Path relative = root.relativize(resolved.toRealPath());
    return TreePath.normalize(relative.toString().replace(java.io.File.separatorChar, '/'));
  }

  @Override
  public Optional<byte[]> read(String path) throws IOException {
    Path file = resolve(path);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  @Override
  public boolean isDirectory(String path) throws IOException {
    return Files.isDirectory(resolve(path));
  }

  @Override
  public List<String> list(String path) throws IOException {
    Path dir = resolve(path);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".git")).sorted().toList();
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }
}
