package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.KustomizeException;
import java.util.List;

/**
 * Reading and writing YAML exactly as kustomize v5.5.0 does.
 *
 * <p>Reading types plain scalars as kyaml's go-yaml v3 does, expands aliases and merge keys and
 * skips empty/null documents. Writing follows kustomize's real output path (resource → JSON →
 * go-yaml v2): keys sorted, comments/anchors/tags/styles dropped, numbers normalised, strings
 * quoted and folded like go-yaml v2.
 */
public final class Yaml {

  /** Largest input document accepted, bytes. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private Yaml() {}

  /**
   * Every document of {@code text} (empty documents skipped as kustomize does); {@code file} names
   * the source in errors. Rejects alias bombs and oversized input with a clear error.
   */
  public static List<Node> parseAll(String text, String file) throws KustomizeException {
    return YamlReader.parseAll(text, file);
  }

  /**
   * Every document of a kustomization file, read as kustomize reads those (sigs.k8s.io/yaml, i.e.
   * go-yaml v2 into a map, then JSON): a key repeated in one mapping is not an error, its last value
   * replaces the earlier ones whole (no merging), at every level. Resources and patches go through
   * {@link #parseAll}, which refuses repeated keys as kyaml does when it turns a node into a map.
   */
  public static List<Node> parseAllLastKeyWins(String text, String file) throws KustomizeException {
    return YamlReader.parseAll(text, file, true);
  }

  /** One resource as kustomize prints it (no leading {@code ---}, trailing newline). */
  public static String emit(Node document) {
    return V2Writer.write(OutputModel.of(document));
  }

  /** Documents joined the way {@code kustomize build} prints them ({@code ---} between). */
  public static String emitAll(List<? extends Node> documents) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) {
        out.append("---\n");
      }
      out.append(emit(documents.get(i)));
    }
    return out.toString();
  }
}
