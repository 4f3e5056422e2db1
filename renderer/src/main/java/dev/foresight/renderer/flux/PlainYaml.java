package dev.foresight.renderer.flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading values of YAML parsed into plain maps and lists (snakeyaml-engine's default). Pure. */
public final class PlainYaml {

  private PlainYaml() {}

  /** The mappings of a sequence value, in order; empty when {@code value} is not a sequence. */
  public static List<Map<?, ?>> maps(Object value) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> m) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
