package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flux's post-build substitution operator by operator, as fluxcd/pkg {@code envsubst} (a fork of
 * drone/envsubst) evaluates them: expected values worked out from its parser, {@code funcs.go} and
 * its tests (the tldp.org examples), including where it differs from bash.
 */
class EnvsubstSemanticsTest {

  static final Map<String, String> VARS = Map.ofEntries(
      Map.entry("v", "abcdEFGH28ij"),
      Map.entry("up", "ABCDEFGH28IJ"),
      Map.entry("path", "/home/bozo/ideas/thoughts.for.today"), // machine-path-ok: the tldp.org example input
      Map.entry("file", "bash.string.txt"),
      Map.entry("z", "abcABC123ABCabc"),
      Map.entry("slash", "foo/bar/baz"),
      Map.entry("uni", "h\u00e9llo"),
      Map.entry("ab", "ab"),
      Map.entry("neg", "-3"),
      Map.entry("empty", ""));

  static Stream<Arguments> evaluates() {
    return Stream.of(
        // length, in UTF-8 bytes (Go's len)
        Arguments.of("${#v}", "12"),
        Arguments.of("${#uni}", "6"),
        Arguments.of("${#empty}", "0"),
        // case
        Arguments.of("${v^}", "AbcdEFGH28ij"),
        Arguments.of("${v^^}", "ABCDEFGH28IJ"),
        Arguments.of("${up,}", "aBCDEFGH28IJ"),
        Arguments.of("${up,,}", "abcdefgh28ij"),
        Arguments.of("${v,^}", "abcdEFGH28ij"), // a mixed pair is no operator: the value
        // substring (bytes)
        Arguments.of("${path:11}", "ideas/thoughts.for.today"),
        Arguments.of("${path:11:5}", "ideas"),
        Arguments.of("${v:5:100}", "FGH28ij"),
        Arguments.of("${v:20}", ""),
        Arguments.of("${v:20:2}", ""),
        Arguments.of("${v:${neg}}", "8ij"),
        Arguments.of("${v:${neg}:2}", "8i"),
        Arguments.of("${v:-100}", "abcdEFGH28ij"), // :- is the default operator, not a negative offset
        Arguments.of("${v: -3}", "abcdEFGH28ij"), // not a Go integer: the value unchanged
        Arguments.of("${v:x}", "abcdEFGH28ij"),
        Arguments.of("${v:1:y}", "abcdEFGH28ij"),
        Arguments.of("${v:1:+2}", "bc"),
        Arguments.of("${v:1::2}", "bc"), // the separator is a run of colons
        Arguments.of("${uni:0:3}", "h\u00e9"),
        // trims: shortest/longest non-empty prefix or suffix matching a glob
        Arguments.of("${file#*.}", "string.txt"),
        Arguments.of("${file##*.}", "txt"),
        Arguments.of("${file%.*}", "bash.string"),
        Arguments.of("${file%%.*}", "bash"),
        Arguments.of("${path#*/}", "home/bozo/ideas/thoughts.for.today"),
        Arguments.of("${path##*/}", "thoughts.for.today"),
        Arguments.of("${file#nomatch}", "bash.string.txt"),
        Arguments.of("${file#b?sh.}", "string.txt"),
        Arguments.of("${file#[a-c]}", "ash.string.txt"),
        Arguments.of("${file#[^a-c]}", "bash.string.txt"),
        Arguments.of("${file#\\b}", "ash.string.txt"),
        Arguments.of("${file#[}", "bash.string.txt"), // malformed pattern: the value unchanged
        Arguments.of("${file%[.]txt}", "bash.string.txt"), // suffix forms reverse the pattern: [.] breaks
        Arguments.of("${file%t?t}", "bash.string."),
        // replace: literal, not a glob
        Arguments.of("${z/abc/xyz}", "xyzABC123ABCabc"),
        Arguments.of("${z//abc/xyz}", "xyzABC123ABCxyz"),
        Arguments.of("${z/#abc/XYZ}", "XYZABC123ABCabc"),
        Arguments.of("${z/%abc/XYZ}", "abcABC123ABCXYZ"),
        Arguments.of("${z/#ABC/X}", "abcABC123ABCabc"),
        Arguments.of("${z/abc/}", "ABC123ABCabc"),
        Arguments.of("${z//abc/}", "ABC123ABC"),
        Arguments.of("${z/#abc/}", "abcABC123ABCabc"), // prefix/suffix forms need a replacement
        Arguments.of("${z/%abc/}", "abcABC123ABCabc"),
        Arguments.of("${z/a*/X}", "abcABC123ABCabc"),
        Arguments.of("${z/abc//X}", "XABC123ABCabc"), // a run of slashes separates
        Arguments.of("${slash/\\//-}", "foo-bar/baz"),
        Arguments.of("${slash//\\//-}", "foo-bar-baz"),
        Arguments.of("${ab//${empty}/-}", "-a-b-"),
        Arguments.of("${ab/${empty}/-}", "-ab"),
        Arguments.of("${ab/b/$$}", "a$"),
        // defaults: every default operator applies when the value is unset OR empty
        Arguments.of("${unset:=d}", "d"),
        Arguments.of("${unset=d}", "d"),
        Arguments.of("${empty=d}", "d"),
        Arguments.of("${unset:-d}", "d"),
        Arguments.of("${v:=d}", "abcdEFGH28ij"),
        Arguments.of("${unset:=}", ""),
        Arguments.of("${unset:=${v}}", "abcdEFGH28ij"),
        Arguments.of("${unset:=pre-${v^^}-post}", "pre-ABCDEFGH28IJ-post"),
        Arguments.of("${unset:=a b: c}", "a b: c"),
        Arguments.of("${unset:?msg}", "msg"),
        Arguments.of("${unset:=$$}", "$$"), // no escapes inside a default
        Arguments.of("${unset:=a$${v}}", "a$abcdEFGH28ij"),
        Arguments.of("${unset:=\\/}", "\\/"),
        Arguments.of("${empty:+x}", "x"), // unlike bash: a default
        Arguments.of("${v:+x}", "abcdEFGH28ij"),
        // escapes and plain text
        Arguments.of("$${v}", "${v}"),
        Arguments.of("$$", "$"),
        Arguments.of("a$$b", "a$b"),
        Arguments.of("$$$", "$$"),
        Arguments.of("$$${v}", "$abcdEFGH28ij"),
        Arguments.of("$v and $", "$v and $"),
        Arguments.of("\\${v}", "\\abcdEFGH28ij"),
        Arguments.of("x } { $ {v}", "x } { $ {v}"),
        Arguments.of("some text ${v}$${var$${v}$v${v}", "some text abcdEFGH28ij${var${v}$vabcdEFGH28ij"),
        Arguments.of("something $${var=${v}}", "something ${var=abcdEFGH28ij}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void evaluates(String input, String expected) {
    Substitution.Result r = Substitution.apply("k: " + input + "\n", VARS);
    assertEquals(List.of(), r.errors(), input);
    assertEquals(List.of(), r.unresolved(), input);
    assertEquals("k: " + expected + "\n", r.text(), input);
  }

  static Stream<Arguments> syntaxErrorsFailTheBuild() {
    return Stream.of(
        Arguments.of("${v-d}", "missing closing brace"),
        Arguments.of("${v+d}", "missing closing brace"),
        Arguments.of("${v?d}", "missing closing brace"),
        Arguments.of("${a b}", "missing closing brace"),
        Arguments.of("${v[0]}", "missing closing brace"),
        Arguments.of("${}", "unable to parse variable name"),
        Arguments.of("${ v}", "unable to parse variable name"),
        Arguments.of("${v", "missing closing brace"),
        Arguments.of("${v:=x", "unable to parse substitution within function"),
        Arguments.of("${z/abc}", "bad substitution"), // the pattern runs to the next slash, here none
        Arguments.of("${#}", "bad substitution"),
        Arguments.of("${#v:1}", "bad substitution"),
        Arguments.of("${v:}", "unable to parse substitution within function"),
        Arguments.of("${v,,,}", "bad substitution"),
        Arguments.of("${v#}", "unable to parse substitution within function"),
        Arguments.of("${v:1${v}}", "bad substitution"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource
  void syntaxErrorsFailTheBuild(String input, String message) {
    String doc = "kind: ConfigMap\nmetadata:\n  name: c\n  namespace: n\ndata:\n  k: " + input + "\n";
    Substitution.Result r = Substitution.apply(doc, VARS);
    assertEquals(1, r.errors().size(), input + " " + r.errors());
    String error = r.errors().get(0);
    assertTrue(error.startsWith("ConfigMap n/c: " + message + " at '" + input), error);
    assertEquals(doc, r.text(), "nothing substituted in a document Flux cannot parse");
  }

  static Stream<Arguments> whatFluxCannotRenderIsAnError() {
    return Stream.of(
        Arguments.of("${v:3:-1}", "negative length"),
        Arguments.of("${uni:0:2}", "cuts a multi-byte character"),
        Arguments.of("${uni#h?}", "cuts a multi-byte character"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void whatFluxCannotRenderIsAnError(String input, String message) {
    Substitution.Result r = Substitution.apply("kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: " + input + "\n", VARS);
    assertEquals(1, r.errors().size(), r.errors().toString());
    assertTrue(r.errors().get(0).startsWith("ConfigMap c: '" + input + "': ") && r.errors().get(0).contains(message),
        r.errors().get(0));
  }

  static Stream<Arguments> unsetVariablesReadByAnOperatorAreUnresolved() {
    return Stream.of("${unset}", "${#unset}", "${unset^^}", "${unset,}", "${unset:1}", "${unset:0:2}",
        "${unset/a/b}", "${unset//a/b}", "${unset/#a/b}", "${unset/%a/b}", "${unset#a}", "${unset##a}",
        "${unset%a}", "${unset%%a}").map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void unsetVariablesReadByAnOperatorAreUnresolved(String input) {
    Substitution.Result r = Substitution.apply("k: " + input + "\n", VARS);
    assertEquals(List.of("unset"), r.unresolved());
    assertEquals("k: " + input + "\n", r.text(), "left as written");
  }

  @org.junit.jupiter.api.Test
  void argumentsAreEvaluatedFirstSoAnUnusedDefaultStillReportsItsVariables() {
    Substitution.Result r = Substitution.apply("k: ${v:=${unset}} ${other:-x}\n", VARS);
    assertEquals("k: abcdEFGH28ij x\n", r.text());
    assertEquals(List.of("unset"), r.unresolved());
  }

  @org.junit.jupiter.api.Test
  void secretVariablesAreMaskedAfterTheOperatorRuns() {
    Map<String, String> vars = Map.of("pw", "hunter2", "plain", "p");
    Substitution.Result r = Substitution.apply("a: ${pw}\nb: ${pw:0:3}\nc: ${pw^^}\nd: ${#pw}\ne: ${unset:=${pw}}\n"
        + "f: ${pw:=x}\ng: ${plain}\n", vars, Set.of("pw"), v -> "<" + v + ">");
    assertEquals("a: <hunter2>\nb: <hun>\nc: <HUNTER2>\nd: <7>\ne: <hunter2>\nf: <hunter2>\ng: p\n", r.text());
  }
}
