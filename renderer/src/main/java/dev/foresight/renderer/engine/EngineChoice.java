package dev.foresight.renderer.engine;

import java.util.Arrays;
import java.util.Locale;

/** {@code --engine}: which engine renders. */
public enum EngineChoice {
  /** {@code kubectl kustomize} / {@code kustomize build} processes. */
  EXEC,
  /** The in-process engine, falling back to exec for what it does not support. */
  NATIVE,
  /** Both; a difference is a fidelity error in the report. */
  VERIFY;

  public static EngineChoice parse(String text) {
    return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown engine '" + text + "': use native, exec or verify"));
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
