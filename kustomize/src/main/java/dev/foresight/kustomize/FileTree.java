package dev.foresight.kustomize;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A read-only tree of files: a directory on disk, a git tree at a commit, or an in-memory map.
 * Everything that renders reads through this interface, so one code path serves all three.
 *
 * <p>Paths are relative to the tree's root, use {@code /} as separator, have no leading
 * {@code /}, no {@code .} or {@code ..} segments; the root itself is {@code ""}. Use
 * {@link TreePath#normalize} to build them.
 */
public interface FileTree {

  /** The bytes of the regular file at {@code path}, or empty when there is no such file. */
  Optional<byte[]> read(String path) throws IOException;

  /** True when {@code path} is a directory of this tree ({@code ""} always is). */
  boolean isDirectory(String path) throws IOException;

  /** True when {@code path} is a regular file of this tree. */
  default boolean isFile(String path) throws IOException {
    return read(path).isPresent();
  }

  /** The names (not paths) of the entries directly under directory {@code path}, sorted. */
  List<String> list(String path) throws IOException;

  /**
   * An id of the content of the regular file at {@code path} (equal ids mean equal bytes), or
   * empty when there is no such file. The default is the git blob id of the bytes; a tree that
   * knows ids without reading (a git tree) returns them cheaply. Build memos use it to check that
   * what a memoised sub-build read is still the same.
   */
  default Optional<String> contentId(String path) throws IOException {
    return read(path).map(FileTrees::blobId);
  }

  /**
   * The tree path {@code path} names once symbolic links are followed, as kustomize's
   * {@code CleanedAbs} (EvalSymlinks) sees it: what its load restrictor judges. The default, for
   * trees without links, is the path itself; a missing path is returned as it is.
   *
   * @throws IOException when a link on the way points out of the tree (the message names it and its target)
   */
  default String realPath(String path) throws IOException {
    return TreePath.normalize(path);
  }

  /** A short description for error messages, e.g. {@code git:3f2a1c0} or a directory. */
  String describe();
}
