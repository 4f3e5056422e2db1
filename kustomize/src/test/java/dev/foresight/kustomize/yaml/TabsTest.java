package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tabs exactly where go-yaml v3 (kubectl kustomize v5.5.0) accepts them: as separation after a
 * key's ':' (and after anchors, tags, quoted scalars, flow collections, before comments, in flow
 * collections), never as indentation, after '-' / '?', or on an otherwise blank line between
 * tokens. Every expectation was checked against kubectl.
 */
class TabsTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("a:\tb\n", "a: b\n"),
        Arguments.of("literals:\t\n- A=1\n", "literals:\n- A=1\n"),
        Arguments.of("data:\t\n  x: z\n", "data:\n  x: z\n"),
        Arguments.of("data:\t# comment\n  x: z\n", "data:\n  x: z\n"),
        Arguments.of("a:\tb\tc\t\n", "a: \"b\\tc\"\n"),
        Arguments.of("a: \"x\tb\"\t# c\n", "a: \"x\\tb\"\n"),
        Arguments.of("a: 'x\tb'\t\n", "a: \"x\\tb\"\n"),
        Arguments.of("a: &x\tb\nc: *x\n", "a: b\nc: b\n"),
        Arguments.of("a: !!str\t1\n", "a: \"1\"\n"),
        Arguments.of("a: {b:\tc,\td: [1,\t2]}\n", "a:\n  b: c\n  d:\n  - 1\n  - 2\n"),
        Arguments.of("a: |\t# c\n  x\ty\n", "a: \"x\\ty\\n\"\n"),
        Arguments.of("a:\n  b: c\n   \t\n  d: e\n", "a:\n  b: c\n  d: e\n"),
        Arguments.of("a:\n  b: c\n  # x\t\n\t# y\n  d: e\n", "a:\n  b: c\n  d: e\n"),
        Arguments.of("a:\n  ? b\t# c\n  : d\n", "a:\n  b: d\n"),
        Arguments.of("- a:\tb\n", "- a: b\n"));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void separationTabsAreWhitespace(String yaml, String printed) throws KustomizeException {
    assertEquals(printed, Yaml.emitAll(Yaml.parseAll(yaml, "t.yaml")));
  }

  static Stream<Arguments> refused() {
    String token = "found character that cannot start any token";
    return Stream.of(
        Arguments.of("a:\n\tb: 1\n", "t.yaml:2:1: invalid YAML: " + token),
        Arguments.of("a:\n  \tb: 1\n", "t.yaml:2:3: invalid YAML: " + token),
        Arguments.of("a:\n-\tb\n", "t.yaml:2:2: invalid YAML: " + token),
        Arguments.of("a:\n- \tb\n", "t.yaml:2:3: invalid YAML: " + token),
        Arguments.of("a:\n  ? b\n  :\tc\n", "t.yaml:3:4: invalid YAML: " + token),
        Arguments.of("a: \"b\"\n\t\nc: d\n", "t.yaml:2:1: invalid YAML: " + token),
        Arguments.of("a: \"b\" # c\n \t\n\t # y\nd: e\n", "t.yaml:2:2: invalid YAML: " + token),
        Arguments.of("- \t# c\n  a\n", "t.yaml:1:3: invalid YAML: " + token),
        Arguments.of("x:\n  a: b\n\t\n  c: d\n",
            "t.yaml:2:6: invalid YAML: found a tab character that violates indentation"),
        Arguments.of("a: b\n\tc: d\n",
            "t.yaml:1:4: invalid YAML: found a tab character that violates indentation"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void tabsGoYamlRefusesAreRefused(String yaml, String message) {
    KustomizeException e = assertThrows(KustomizeException.class, () -> Yaml.parseAll(yaml, "t.yaml"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
    assertTrue(e.getMessage().contains("replace the tab with spaces"), e.getMessage());
  }
}
