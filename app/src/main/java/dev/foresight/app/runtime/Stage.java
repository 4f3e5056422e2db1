package dev.foresight.app.runtime;

import java.util.Arrays;
import java.util.Locale;

/** The four services of the pipeline. */
public enum Stage {
  INGEST, RENDERER, DIFFER, PUBLISHER;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage parse(String text) {
    return Arrays.stream(values()).filter(s -> s.id().equalsIgnoreCase(text)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown stage '" + text + "': use one of ingest, renderer, differ, publisher"));
  }
}
