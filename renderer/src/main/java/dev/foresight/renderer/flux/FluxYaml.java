package dev.foresight.renderer.flux;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/** YAML in and out, block style, the way the rest of the renderer re-emits documents. */
final class FluxYaml {

  private FluxYaml() {}

  static Object load(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  static String dump(Object value) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build();
    return new Dump(settings).dumpToString(value);
  }

  static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  static Map<?, ?> map(Object value) {
    return value instanceof Map<?, ?> m ? m : Map.of();
  }
}
