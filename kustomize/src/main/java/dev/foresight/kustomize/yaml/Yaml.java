package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.KustomizeException;
import java.util.List;

/**
 * Reading and writing YAML exactly as kustomize v5.5.0 does. (Owner: the yaml work package;
 * bodies are stubs until it lands.)
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
    throw new dev.foresight.kustomize.UnsupportedFeature("yaml parser", file);
  }

  /** One resource as kustomize prints it (no leading {@code ---}, trailing newline). */
  public static String emit(Node document) {
    throw new UnsupportedOperationException("yaml emitter not implemented yet");
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
