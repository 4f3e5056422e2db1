package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.KustomizeException;
import java.util.List;
import java.util.function.Consumer;

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

  /**
   * The tree as kyaml's {@code MarshalJSON} leaves its data (go-yaml v3 writes it keeping styles,
   * then reads it back): every folded scalar outside flow collections takes the value go-yaml v3
   * reads back ({@link FoldedScalar#afterRoundTrip}) and the literal style, so a later print does
   * not fold it a second time. Call it where kustomize goes through JSON mid-build (JSON 6902
   * patches); the final print does the same on the fly.
   */
  public static void settleFolded(Node root) {
    walkFolded(root, false, false, s -> {
      s.value(FoldedScalar.afterRoundTrip(s.value()));
      s.style(ScalarStyle.LITERAL);
    });
  }

  /**
   * The tree as it is after a trip through Go values that writes no YAML (kyaml's {@code Map} /
   * {@code Decode}, e.g. the items of a {@code List} that kustomize inlines): folded scalars keep
   * their value and lose the folded style (go-yaml v3 then writes them double-quoted).
   */
  public static void unfold(Node root) {
    walkFolded(root, false, true, s -> s.style(ScalarStyle.DOUBLE_QUOTED));
  }

  /** Every folded scalar value of {@code n}; in flow collections too when {@code anywhere}. */
  private static void walkFolded(Node n, boolean inFlow, boolean anywhere, Consumer<ScalarNode> action) {
    if (n instanceof MapNode m) {
      for (MapNode.Entry e : m.entries()) {
        walkFolded(e.value(), inFlow || m.flow(), anywhere, action);
      }
    } else if (n instanceof SeqNode q) {
      for (Node item : q.items()) {
        walkFolded(item, inFlow || q.flow(), anywhere, action);
      }
    } else if (n instanceof ScalarNode s && s.style() == ScalarStyle.FOLDED && (anywhere || !inFlow)) {
      action.accept(s);
    }
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
