package dev.foresight.renderer.engine;

/** A render failed; the message says where (side, profile, Kustomization, path) and how to fix. */
public class RenderException extends Exception {

  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
