package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.kustomize.KustomizeException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code |} / {@code >} block with no content line as the last value of a file reads as go-yaml
 * v3 reads it (kubectl prints {@code ""}, or the kept line breaks for {@code +}), for every
 * indicator, with and without a final line break, with trailing empty lines.
 */
class BlockScalarAtEndTest {

  static Stream<Arguments> forms() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (String indicator : new String[] {">", ">-", "|", "|-", "|2", ">-2"}) {
      for (String tail : new String[] {"", "\n", "\n\n", "\n  \n", " # c\n"}) {
        all.add(Arguments.of(indicator, tail, ""));
      }
    }
    for (String indicator : new String[] {">+", "|+", "|+2"}) {
      all.add(Arguments.of(indicator, "", ""));
      all.add(Arguments.of(indicator, "\n", ""));
      all.add(Arguments.of(indicator, "\n\n", "\n"));
      all.add(Arguments.of(indicator, "\n  \n", "\n"));
      all.add(Arguments.of(indicator, "\n\n\n", "\n\n"));
    }
    return all.build();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void emptyBlockAtEndOfFile(String indicator, String tail, String value) throws KustomizeException {
    String yaml = "data:\n  name: x\n  script: " + indicator + tail;
    MapNode data = (MapNode) ((MapNode) Yaml.parseAll(yaml, "t.yaml").get(0)).get("data");
    assertEquals(value, ((ScalarNode) data.get("script")).value());
  }
}
