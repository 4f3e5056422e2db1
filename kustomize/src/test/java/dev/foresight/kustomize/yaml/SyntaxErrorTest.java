package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken YAML is reported at the line:column where the offending construct starts (an
 * unterminated quote: where it opens; an early-ended block: its indicator; an unclosed flow
 * collection: its bracket), with what is wrong and a hint — not where the parser gave up.
 */
class SyntaxErrorTest {

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("a: \"abc\nb: c\nd: e\n", "t.yaml:1:4: invalid YAML: while scanning a quoted scalar"
            + " that starts here: found unexpected end of stream", "never closed"),
        Arguments.of("a: 'abc\nb: c\n", "t.yaml:1:4: invalid YAML: while scanning a quoted scalar",
            "never closed"),
        Arguments.of("s:\n  u: app\n  p: \"x\n  h: db\n  n: \"5432\"\n",
            "t.yaml:3:6: invalid YAML: the quoted value that opens here runs to line 5", "closing quote"),
        Arguments.of("v:\n  ui:\n    m: >\n      one\n     two\n    c: d\n  r: 2\n",
            "t.yaml:3:8: invalid YAML: the block scalar that starts here ends before line 5",
            "indent every line"),
        Arguments.of("a: > x\n  one\n", "t.yaml:1:4: invalid YAML: while scanning a block scalar that starts"
            + " here: expected a comment or a line break", "only a comment may follow"),
        Arguments.of("a: [b, c\nd: e\n", "t.yaml:1:4: invalid YAML: while parsing a flow sequence", "close the ["),
        Arguments.of("kind: A\nmetadata:\n  name: x\n bad: y\n", "t.yaml:4:2: invalid YAML: this line is"
            + " indented unlike the entries of the block mapping that starts at line 1:1", "siblings"),
        Arguments.of("a: b: c\n", "t.yaml:1:5: invalid YAML: mapping values are not allowed", "quote the value"));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void namesWhereTheConstructStarts(String yaml, String start, String hint) {
    KustomizeException e = assertThrows(KustomizeException.class, () -> Yaml.parseAll(yaml, "t.yaml"));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
    assertTrue(e.getMessage().contains(hint), e.getMessage());
  }
}
