package dev.foresight.renderer.remote;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.closure.ClosureCollector;
import dev.foresight.renderer.engine.Engine;
import dev.foresight.renderer.engine.NetworkAccess;
import dev.foresight.renderer.engine.RenderException;
import java.util.List;

/**
 * In front of the engines of one walk: before a build, every remote reference of the build's
 * kustomization closure ({@link ClosureCollector#remoteReferences}) is checked against the
 * trusted {@link RemotePolicy}; one that it does not allow fails the build with "remote resource
 * not fetched" / "remote bases are not fetched" (the rest of the profile renders). A build whose
 * references are all allowed runs with the network on ({@link NetworkAccess}); every other build
 * runs offline. Does not close the engine it guards.
 */
public final class RemoteGuard implements Engine {

  private final Engine engine;
  private final RemotePolicy policy;

  public RemoteGuard(Engine engine, RemotePolicy policy) {
    this.engine = engine;
    this.policy = policy;
  }

  @Override
  public String build(FileTree tree, String dir) throws RenderException {
    List<RemoteReference> references = ClosureCollector.remoteReferences(tree, dir);
    for (RemoteReference reference : references) {
      String refusal = policy.refusal(reference);
      if (refusal != null) {
        throw new RenderException(message(reference, refusal));
      }
    }
    if (references.isEmpty()) {
      return engine.build(tree, dir);
    }
    try {
      return NetworkAccess.allowing(() -> engine.build(tree, dir));
    } catch (RenderException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new RenderException(e.getMessage(), e);
    }
  }

  /** The refusal: what, where, why, and how to allow it. */
  static String message(RemoteReference reference, String refusal) {
    String what = reference.base() ? "remote bases are not fetched " + RemotePolicy.SEE + ": '" + reference.entry() + "'"
        : "remote resource not fetched: " + reference.entry() + " " + RemotePolicy.SEE;
    String kind = switch (reference.kind()) {
      case BASE -> "a git repository";
      case FILE -> "a file over HTTP";
      case HELM -> "a helm chart repository";
    };
    String url = reference.url().equals(reference.entry().strip()) ? "" : " (" + reference.url() + ")";
    return what + "; " + reference.from() + " names " + kind + url + ", and " + refusal
        + ". To render it, add a prefix of that URL to render.remote.allow of foresight.yaml on the base branch"
        + " (a pull request's own foresight.yaml does not count) or to " + RemotePolicy.ENVIRONMENT
        + "; or vendor the files into the repository";
  }

  @Override
  public List<String> notes() {
    return engine.notes();
  }

  @Override
  public String name() {
    return engine.name();
  }

  @Override
  public String version() {
    return engine.version();
  }

  @Override
  public void close() {
    // the guarded engine belongs to the renderer
  }
}
