package dev.foresight.kustomize.patch;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.yaml.Node;
import java.util.Map;

/**
 * The OpenAPI schema strategic merge uses during one build, with kyaml's rules for the
 * kustomization field {@code openapi:} (one schema for the whole build, not per kustomization):
 * the top kustomization sets it first; otherwise the first kustomization or component reached
 * that has the field sets it, and later ones are ignored. {@code version} may only name the
 * builtin v1.21.2; {@code path} names a JSON or YAML swagger document whose definitions are
 * layered like kyaml's global schema: a custom schema set before any patch needed the builtin one
 * replaces it (builtin types then merge without merge keys), one set after adds to it, and when
 * a scope check on a type outside kustomize's precomputed table asked for the builtin schema
 * first, the builtin definitions are layered over the custom ones.
 *
 * <p>Open one per build ({@link #open()}, try-with-resources); code outside a session sees the
 * builtin schema.
 */
public final class OpenApiSession implements AutoCloseable {

  /** The builtin Kubernetes schema kustomize v5.5.0 embeds (its only builtin version). */
  public static final String BUILTIN_VERSION = "v1.21.2";

  private static final ThreadLocal<OpenApiSession> CURRENT = new ThreadLocal<>();

  /** A schema file, parsed only when it takes effect. */
  @FunctionalInterface
  public interface SchemaDocument {
    Node parse() throws KustomizeException;
  }

  private enum BuiltinStatus { NOT_PARSED, DELAYED, PARSED }

  private final OpenApiSession previous;
  private boolean set;
  private OpenApiData custom;
  private boolean initialized;
  private BuiltinStatus builtin = BuiltinStatus.NOT_PARSED;
  private OpenApiData accumulated = OpenApiData.empty();

  private OpenApiSession(OpenApiSession previous) {
    this.previous = previous;
  }

  /** Starts a build's schema session on this thread; close it when the build ends. */
  public static OpenApiSession open() {
    OpenApiSession session = new OpenApiSession(CURRENT.get());
    CURRENT.set(session);
    return session;
  }

  /** The session of the build running on this thread (a fresh builtin-only one outside a build). */
  public static OpenApiSession current() {
    OpenApiSession s = CURRENT.get();
    return s != null ? s : new OpenApiSession(null);
  }

  @Override
  public void close() {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /**
   * The part of this session a sub-build's result can depend on and change, for build memos; null
   * when a custom schema is in force (then nothing is memoised: its layering depends on history).
   * Without a custom schema the schema in force is the builtin one whatever the state.
   */
  public Object memoState() {
    return custom != null ? null : new MemoState(set, initialized, builtin);
  }

  /** Puts this session in {@code state} (from {@link #memoState()}), as a memoised sub-build left it. */
  public void restoreMemoState(Object state) {
    MemoState s = (MemoState) state;
    if (s.initialized() && !initialized) {
      data();
    }
    set = s.set();
    builtin = s.builtin();
  }

  private record MemoState(boolean set, boolean initialized, BuiltinStatus builtin) {}

  /**
   * kyaml's {@code SetSchema} for one kustomization's {@code openapi:} field.
   *
   * @param field the field's entries ({@code path}, {@code version})
   * @param document the file {@code path} names (already read), or null without {@code path}
   * @param file the kustomization file, for messages
   * @param top true for the kustomization the build starts at (it always wins)
   */
  public void setSchema(Map<String, String> field, SchemaDocument document, String file, boolean top)
      throws KustomizeException {
    if (set && !top) {
      return;
    }
    String version = field.get("version");
    if (document != null) {
      if (version != null) {
        throw KustomizeException.at(file, "openapi", 0, "builtin version and custom schema provided, cannot use "
            + "both (give either openapi.path or openapi.version)");
      }
      custom = CustomOpenApi.parse(document.parse(), file + ": openapi.path '" + field.get("path") + "'");
      set = true;
      initialized = false;
      return;
    }
    if (version == null || version.isEmpty()) {
      return;
    }
    if (!version.equals(BUILTIN_VERSION)) {
      throw KustomizeException.at(file, "openapi", 0, "the specified OpenAPI version is not built in: '" + version
          + "' (kustomize v5.5.0 builds in " + BUILTIN_VERSION + " only; drop openapi.version or give a schema "
          + "file with openapi.path)");
    }
    set = true;
    custom = null;
    initialized = false;
  }

  /**
   * kyaml's {@code IsNamespaceScoped} side effect: a type outside the precomputed table makes
   * the builtin schema due (parsed with, and over, a custom one set later).
   */
  public void noteScopeCheck(String apiVersion, String kind) {
    if (OpenApiData.precomputed(apiVersion, kind) || initialized) {
      return;
    }
    if (custom != null) {
      data();
    } else if (builtin == BuiltinStatus.NOT_PARSED) {
      builtin = BuiltinStatus.DELAYED;
    }
  }

  /** kyaml {@code IsCertainlyClusterScoped}. */
  boolean isClusterScoped(String apiVersion, String kind) {
    noteScopeCheck(apiVersion, kind);
    return OpenApiData.builtin().isClusterScoped(apiVersion, kind);
  }

  /** The schema in force (kyaml's {@code initSchema} then the global schema). */
  OpenApiData data() {
    if (!initialized) {
      initialized = true;
      if (custom != null) {
        accumulated = accumulated.overlay(custom);
      } else {
        accumulated = accumulated.overlay(OpenApiData.builtin());
        builtin = BuiltinStatus.PARSED;
      }
      if (builtin == BuiltinStatus.DELAYED) {
        accumulated = accumulated.overlay(OpenApiData.builtin());
        builtin = BuiltinStatus.PARSED;
      }
    }
    return accumulated;
  }
}
