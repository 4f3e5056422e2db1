package dev.foresight.kustomize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@link FileTree} over a directory on disk; symbolic links that leave it are refused. */
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
    Path resolved = root.resolve(TreePath.normalize(path));
    if (Files.exists(resolved) && !resolved.toRealPath().startsWith(root)) {
      throw new IOException("'" + path + "' is a link that leaves " + root);
    }
    return resolved;
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
