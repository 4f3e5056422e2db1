package dev.foresight.renderer.cache;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.FileTrees;
import dev.foresight.renderer.closure.Closure;
import dev.foresight.renderer.git.GitFileTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Builds {@link RenderCache.Key}s of one engine build ({@code kustomize build <dir>} of a tree).
 *
 * <p>The key is SHA-256 over length-prefixed fields: {@code foresight-render-key/2}; the engine's
 * name and version; for every closure file (sorted) its path and git blob id (or {@code -} when
 * absent); for every closure tree (sorted) its path and each file below it with its blob id (or
 * {@code -} when the tree is absent); for every reached kustomization directory (sorted) its path
 * and the names it lists. Nothing else: what is cached is the engine's output BEFORE Flux's
 * postBuild (substitution) and commonMetadata, which the renderer applies to every answer, hit or
 * not; the rest of the Flux spec (targetNamespace, namePrefix/nameSuffix, patches, images,
 * components) reaches the build only through the kustomization file that
 * {@link dev.foresight.renderer.flux.KustomizationOverlay} rewrites, and that file is in the
 * closure with its rewritten content; spec.path and spec.sourceRef choose the tree and directory,
 * i.e. the closure's paths and contents. Content ids are git blob ids, read from the object
 * database for a {@link GitFileTree}, passed through by a view over one (a GitRepository's
 * artifact), and computed from the bytes for any other tree (an overlay),
 * so the same content gives the same key whether it comes from a mirror, a directory or memory.
 */
public final class CacheKeys {

  private static final String ABSENT = "-";

  private CacheKeys() {}

  /**
   * The key of building {@code tree}, whose build reads {@code closure}; empty when the closure
   * is incomplete or reads remote content (such a build must not be cached).
   *
   * @param engine engine name and version, e.g. {@code exec:kubectl v5.5.0}
   */
  public static Optional<RenderCache.Key> of(String engine, FileTree tree, Closure closure) throws IOException {
    if (closure.alwaysAffected()) {
      return Optional.empty();
    }
    MessageDigest sha = sha256();
    field(sha, "foresight-render-key/2");
    field(sha, "engine");
    field(sha, engine);
    for (String file : closure.files()) {
      field(sha, "file");
      field(sha, file);
      field(sha, contentId(tree, file).orElse(ABSENT));
    }
    for (String dir : closure.trees()) {
      field(sha, "tree");
      field(sha, dir);
      if (!tree.isDirectory(dir)) {
        field(sha, ABSENT);
        continue;
      }
      for (String file : FileTrees.walk(tree, dir)) {
        field(sha, file);
        field(sha, contentId(tree, file).orElse(ABSENT));
      }
    }
    for (String dir : closure.directories()) {
      field(sha, "dir");
      field(sha, dir);
      for (String name : tree.list(dir)) {
        field(sha, name);
      }
    }
    return Optional.of(new RenderCache.Key(HexFormat.of().formatHex(sha.digest())));
  }

  /** The git blob id of the file at {@code path}, or empty when it is not a file of {@code tree}. */
  public static Optional<String> contentId(FileTree tree, String path) throws IOException {
    if (tree instanceof GitFileTree git) {
      return git.contentId(path);
    }
    return tree.contentId(path);
  }

  /** The git blob id of {@code content}: SHA-1 of {@code "blob <length>\0" + content}. */
  public static String blobId(byte[] content) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha1.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A SHA-256 hex digest of {@code text}. */
  public static String digest(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void field(MessageDigest sha, String value) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    sha.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
