package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

  @Test
  void aliasBombIsRejectedNamingTheFile() {
    StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'j'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        y.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    KustomizeException e = assertThrows(KustomizeException.class, () -> Yaml.parseAll(y.toString(), "bomb.yaml"));
    assertTrue(e.getMessage().startsWith("bomb.yaml:"), e.getMessage());
    assertTrue(e.getMessage().contains("alias"), e.getMessage());
  }

  @Test
  void modestAliasesAreExpanded() throws KustomizeException {
    List<Node> docs = Yaml.parseAll("kind: A\nx: &v {a: 1}\ny: *v\n", "ok.yaml");
    assertEquals("kind: A\nx:\n  a: 1\n\"y\":\n  a: 1\n", Yaml.emit(docs.get(0)));
  }

  @Test
  void oversizedInputIsRejected() {
    String big = "a: " + "x".repeat(Yaml.MAX_BYTES) + "\n";
    KustomizeException e = assertThrows(KustomizeException.class, () -> Yaml.parseAll(big, "big.yaml"));
    assertTrue(e.getMessage().startsWith("big.yaml"), e.getMessage());
    assertTrue(e.getMessage().contains(Integer.toString(Yaml.MAX_BYTES)), e.getMessage());
  }

  @Test
  void brokenYamlNamesFileAndLine() {
    KustomizeException e = assertThrows(KustomizeException.class,
        () -> Yaml.parseAll("kind: A\nmetadata:\n  name: x\n  labels: [a, b\n", "broken.yaml"));
    assertTrue(e.getMessage().matches("(?s)broken\\.yaml:4:11: invalid YAML: while parsing a flow sequence that starts here: .*"), e.getMessage());
  }

  @Test
  void badIndentationNamesLine() {
    KustomizeException e = assertThrows(KustomizeException.class,
        () -> Yaml.parseAll("kind: A\nmetadata:\n  name: x\n bad: y\n", "indent.yaml"));
    assertTrue(e.getMessage().startsWith("indent.yaml:4:"), e.getMessage());
  }

  @Test
  void duplicateKeysAreRejected() {
    KustomizeException e = assertThrows(KustomizeException.class,
        () -> Yaml.parseAll("kind: A\nkind: B\n", "dup.yaml"));
    assertTrue(e.getMessage().startsWith("dup.yaml:2:"), e.getMessage());
  }

  @Test
  void unknownAliasIsAnError() {
    KustomizeException e = assertThrows(KustomizeException.class, () -> Yaml.parseAll("a: *nope\n", "u.yaml"));
    assertTrue(e.getMessage().startsWith("u.yaml:1:"), e.getMessage());
  }

  @Test
  void emptyAndNullDocumentsAreSkipped() throws KustomizeException {
    List<Node> docs = Yaml.parseAll("---\n# only a comment\n---\nnull\n---\n~\n---\nkind: A\n---\n\n", "e.yaml");
    assertEquals(1, docs.size());
    assertEquals("kind: A\n", Yaml.emit(docs.get(0)));
    assertEquals(0, Yaml.parseAll("", "empty.yaml").size());
  }

  @Test
  void positionsAreKept() throws KustomizeException {
    MapNode doc = (MapNode) Yaml.parseAll("kind: A\nmetadata:\n  name: x\n", "p.yaml").get(0);
    Node name = doc.getMap("metadata").get("name");
    assertEquals(3, name.line());
    assertEquals(9, name.column());
  }

  @Test
  void scalarsAreTypedLikeGoYamlV3() throws KustomizeException {
    MapNode doc = (MapNode) Yaml.parseAll(
        "a: yes\nb: true\nc: 0777\nd: '1'\ne: ~\nf: 1.5\ng: 2001-12-14\nh: !!str 3\ni: !Ref x\n", "t.yaml").get(0);
    assertEquals(Tags.STR, doc.get("a").tag());
    assertEquals(Tags.BOOL, doc.get("b").tag());
    assertEquals(Tags.INT, doc.get("c").tag());
    assertEquals(Tags.STR, doc.get("d").tag());
    assertEquals(Tags.NULL, doc.get("e").tag());
    assertEquals(Tags.FLOAT, doc.get("f").tag());
    assertEquals(Tags.TIMESTAMP, doc.get("g").tag());
    assertEquals(Tags.STR, doc.get("h").tag());
    assertTrue(doc.get("h").tagExplicit());
    assertEquals("!Ref", doc.get("i").tag());
    assertEquals(ScalarStyle.SINGLE_QUOTED, ((ScalarNode) doc.get("d")).style());
  }

  @Test
  void nodesBuiltInCodeEmitByTag() {
    MapNode m = new MapNode();
    m.put("kind", "A");
    m.put("s", ScalarNode.string("123"));
    m.put("i", ScalarNode.integer(123));
    m.put("b", ScalarNode.bool(true));
    m.put("n", ScalarNode.nul());
    m.put("y", ScalarNode.string("yes"));
    assertEquals("b: true\ni: 123\nkind: A\n\"n\": null\ns: \"123\"\n\"y\": \"yes\"\n", Yaml.emit(m));
  }
}
