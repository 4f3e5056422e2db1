package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Folded block scalars through kustomize's JSON hop (go-yaml v3 writes them with its misplaced
 * look-ahead, then reads them back). Each expectation is what kubectl kustomize v5.5.0 prints for
 * the block in a ConfigMap's data (checked with kubectl; the realworld {@code folded-*} cases
 * re-check them against it).
 */
class FoldedScalarTest {

  /** The value printed for {@code data.v} when a resource holds {@code block} there. */
  private static String printed(String block) throws KustomizeException {
    String doc = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: " + block + "  w: z\n";
    String out = Yaml.emit(Yaml.parseAll(doc, "cm.yaml").get(0));
    return out.substring(out.indexOf("data:\n") + 6, out.indexOf("  w: z\n"));
  }

  @Test
  void moreIndentedLineAfterANormalLineGainsAnEmptyLine() throws KustomizeException {
    assertEquals("  v: |-\n    foo(\n\n      bar\n    )\n", printed(">-\n    foo(\n      bar\n    )\n"));
  }

  @Test
  void emptyLineBeforeAMoreIndentedLineGainsAnother() throws KustomizeException {
    assertEquals("  v: |\n    line one line two\n\n\n      indented\n    back\n",
        printed(">\n    line one\n    line two\n\n      indented\n    back\n"));
  }

  @Test
  void keepChompingGainsATrailingBreak() throws KustomizeException {
    assertEquals("  v: |+\n    keep\n\n\n", printed(">+\n    keep\n\n"));
    assertEquals("  v: |+\n    keep many\n\n\n\n\n", printed(">+\n    keep many\n\n\n\n"));
  }

  @Test
  void clipAndStripChompTheExtraBreaksAgain() throws KustomizeException {
    assertEquals("  v: |\n    trailing blanks\n", printed(">\n    trailing blanks\n\n\n"));
    assertEquals("  v: |-\n    ends more\n\n      indented\n", printed(">-\n    ends more\n      indented\n"));
    assertEquals("  v: |\n    ends more\n\n      indented\n", printed(">\n    ends more\n      indented\n"));
  }

  @Test
  void normalLinesFoldAsBeforeAndEmptyLinesStay() throws KustomizeException {
    assertEquals("  v: |\n    plain folded text only\n", printed(">\n    plain folded\n    text only\n"));
    assertEquals("  v: |-\n    a\n    b\n\n    c\n", printed(">-\n    a\n\n    b\n\n\n    c\n"));
    assertEquals("  v: one line\n", printed(">-\n    one line\n"));
  }

  @Test
  void valueStartingWithABlankIsWrittenRight() throws KustomizeException {
    // the look-ahead finds the leading blank: no extra break anywhere
    assertEquals("  v: |2-\n      leading more-indented\n    normal\n",
        printed(">2-\n      leading more-indented\n    normal\n"));
    assertEquals("  v: |2\n      four\n    two\n", printed(">4\n        four\n      two\n"));
  }

  @Test
  void valueStartingWithEmptyLinesLooksPastThem() throws KustomizeException {
    // leading breaks are skipped by the look-ahead; 's' is not blank, so extra breaks apply
    assertEquals("  v: |2-\n\n    starts empty line\n", printed(">-\n\n    starts empty\n    line\n"));
    assertEquals("\n\nx\n\n  y", FoldedScalar.afterRoundTrip("\n\nx\n  y"));
    assertEquals("\n\n  x\ny", FoldedScalar.afterRoundTrip("\n\n  x\ny"));
  }

  @Test
  void everyMoreIndentedRunAfterANormalLine() throws KustomizeException {
    assertEquals("  v: |-\n    x\n\n      y\n      z\n    w\n\n\n      v\n",
        printed(">-\n    x\n      y\n      z\n    w\n\n      v\n"));
  }

  @Test
  void emptyFoldedScalarIsAnEmptyString() throws KustomizeException {
    assertEquals("  v: \"\"\n", printed(">\n"));
  }

  @Test
  void tabsAndCharactersOutsideTheBmpAreNotWrittenAsBlocks() throws KustomizeException {
    // a tab-led line is a "blank" line for the folding; a tab is fine in a block (the value is
    // garbled) but go-yaml v2 then quotes it
    assertEquals("  v: \"tab\\tinside\\n\\n\\ttab-led line\\nafter\"\n",
        printed(">-\n    tab\tinside\n    \ttab-led line\n    after\n"));
    // go-yaml v3 finds U+1F600 not printable: double-quoted, read back unchanged
    assertEquals("emoji \uD83D\uDE00\n  more\nend", FoldedScalar.afterRoundTrip("emoji \uD83D\uDE00\n  more\nend"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a \\nb|false",       // space before a break
      "'ends with space '|false",
      "x\\ry|false",        // CR is not printable for go-yaml
      "x\u0085y|false",     // NEL neither
      "x\uFEFFy|false",     // BOM neither
      "|false",             // empty
      "a\\n  b|true",
      "tab\\tok|true"})
  void blockAllowedAsGoYamlV3Analyses(String value, boolean allowed) {
    String v = value == null ? "" : value.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    assertEquals(allowed, FoldedScalar.blockAllowed(v));
    if (!allowed) {
      assertEquals(v, FoldedScalar.afterRoundTrip(v));
    }
  }

  @Test
  void writerAndReaderPiecesMatchGoYaml() {
    // the body v3 writes for "foo(\n  bar\n)": an extra break after "foo("
    assertEquals("  foo(\n\n    bar\n  )", FoldedScalar.write("foo(\n  bar\n)"));
    assertEquals("foo(\n\n  bar\n)", FoldedScalar.rescan("  foo(\n\n    bar\n  )", -1));
    // a correct writer's body reads back unchanged: the reader is not the garbling part
    assertEquals("foo(\n  bar\n)", FoldedScalar.rescan("  foo(\n    bar\n  )", -1));
    assertEquals("a b\n", FoldedScalar.rescan("  a\n  b\n\n", 0));
    assertEquals("a b\n\n", FoldedScalar.rescan("  a\n  b\n\n", 1));
  }

  @Test
  void settleFoldedRewritesOnceAndUnfoldKeepsTheValue() throws KustomizeException {
    String doc = "a: >-\n  foo(\n    bar\n  )\nb: [x]\nc: >-\n  p(\n    q\n  )\n";
    MapNode settled = (MapNode) Yaml.parseAll(doc, "x.yaml").get(0);
    Yaml.settleFolded(settled);
    ScalarNode a = (ScalarNode) settled.get("a");
    assertEquals("foo(\n\n  bar\n)", a.value());
    assertEquals(ScalarStyle.LITERAL, a.style());
    // printing after settling does not garble a second time
    assertTrue(Yaml.emit(settled).startsWith("a: |-\n  foo(\n\n    bar\n  )\n"), Yaml.emit(settled));

    MapNode unfolded = (MapNode) Yaml.parseAll(doc, "x.yaml").get(0);
    Yaml.unfold(unfolded);
    assertEquals("p(\n  q\n)", unfolded.getString("c"));
    assertFalse(((ScalarNode) unfolded.get("c")).style() == ScalarStyle.FOLDED);
    assertEquals(List.of("a: |-", "  foo(", "    bar", "  )"),
        List.of(Yaml.emit(unfolded).split("\n")).subList(0, 4));
  }

  @Test
  void foldedScalarInAFlowCollectionIsNotGarbled() {
    MapNode flow = new MapNode();
    flow.flow(true);
    flow.put("c", new ScalarNode("in(\n  flow\n)", Tags.STR, ScalarStyle.FOLDED));
    MapNode root = new MapNode();
    root.put("m", flow);
    assertEquals("m:\n  c: |-\n    in(\n      flow\n    )\n", Yaml.emit(root));
    Yaml.settleFolded(root);
    assertEquals("in(\n  flow\n)", ((ScalarNode) flow.get("c")).value());
  }
}
