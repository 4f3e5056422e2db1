package dev.foresight.kustomize.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.resource.ResId;
import dev.foresight.kustomize.resource.Resource;
import dev.foresight.kustomize.resource.ResourceList;
import dev.foresight.kustomize.yaml.MapNode;
import dev.foresight.kustomize.yaml.ScalarNode;
import dev.foresight.kustomize.yaml.ScalarStyle;
import dev.foresight.kustomize.yaml.Tags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit checks of the pieces behind replacements and var binding. */
class ReplacementUnitTest {

  @Test
  void labelSelectorOperators() throws Exception {
    Map<String, String> labels = Map.of("app", "web", "tier", "front", "n", "5");
    assertTrue(SelectorExpr.parse("", "l").matches(labels));
    assertTrue(SelectorExpr.parse("app=web,tier==front", "l").matches(labels));
    assertFalse(SelectorExpr.parse("app!=web", "l").matches(labels));
    assertTrue(SelectorExpr.parse("missing!=x", "l").matches(labels));
    assertTrue(SelectorExpr.parse("tier in (back, front)", "l").matches(labels));
    assertFalse(SelectorExpr.parse("tier notin (front)", "l").matches(labels));
    assertTrue(SelectorExpr.parse("app,!missing", "l").matches(labels));
    assertTrue(SelectorExpr.parse("n>4,n<6", "l").matches(labels));
    assertThrows(KustomizeException.class, () -> SelectorExpr.parse("a b c", "l"));
  }

  @Test
  void smarterSplitKeepsBracketedDotsAndEscapes() {
    assertEquals(List.of("spec", "[name=a.b]", "value"), ReplacementFilter.smarterSplit("spec.[name=a.b].value"));
    assertEquals(List.of("metadata", "annotations", "a.b/c"),
        ReplacementFilter.smarterSplit("metadata.annotations.a\\.b/c"));
  }

  @Test
  void selectsByAnyIdPartAndEffectiveNamespace() {
    ResId id = new ResId("apps", "v1", "Deployment", "", "web");
    assertTrue(ReplacementFilter.selects(new ResId("", "", "", "", ""), id));
    assertTrue(ReplacementFilter.selects(new ResId("", "", "Deployment", "default", ""), id));
    assertFalse(ReplacementFilter.selects(new ResId("", "", "Deployment", "other", ""), id));
    assertFalse(ReplacementFilter.selects(new ResId("", "v2", "", "", ""), id));
  }

  @Test
  void scalarTargetsKeepTheirTagAndCreatedOnesResolve() throws Exception {
    MapNode obj = PlainNodes.map(Map.of("a", "x"));
    ScalarNode five = new ScalarNode("5", Tags.INT, ScalarStyle.PLAIN);
    ReplacementFilter.setValue(FieldWalker.entrySlot(obj, "a"), five, ReplacementSpec.Options.NONE);
    assertEquals(Tags.STR, obj.get("a").tag());
    List<FieldWalker.Slot> created = PathMatcher.match(FieldWalker.entrySlot(new MapNode().put("o", obj), "o"),
        List.of("b", "c"), FieldWalker.Kind.SCALAR);
    ReplacementFilter.setValue(created.get(0), ScalarNode.string("7"), ReplacementSpec.Options.NONE);
    assertEquals(Tags.INT, ((MapNode) obj.get("b")).get("c").tag());
  }

  @Test
  void delimiterPrefixReplaceSuffix() throws Exception {
    MapNode obj = PlainNodes.map(Map.of("a", "x:y"));
    FieldWalker.Slot slot = FieldWalker.entrySlot(obj, "a");
    ReplacementFilter.setValue(slot, ScalarNode.string("p"), new ReplacementSpec.Options(":", -1, false));
    ReplacementFilter.setValue(slot, ScalarNode.string("q"), new ReplacementSpec.Options(":", 1, false));
    ReplacementFilter.setValue(slot, ScalarNode.string("s"), new ReplacementSpec.Options(":", 9, false));
    assertEquals("p:q:y:s", ((ScalarNode) obj.get("a")).value());
  }

  @Test
  void regexItemsSeeQuotedScalarsWithQuotes() {
    assertEquals("\"x.jar\"", PathMatcher.encoded(new ScalarNode("x.jar", Tags.STR, ScalarStyle.DOUBLE_QUOTED)));
    assertEquals("\"true\"", PathMatcher.encoded(new ScalarNode("true", Tags.STR, ScalarStyle.PLAIN)));
    assertEquals("web", PathMatcher.encoded(ScalarNode.string("web")));
  }

  @Test
  void varBindsOnlyWhereDeclaredAndRefusesAmbiguity() throws Exception {
    ResourceList rs = new ResourceList();
    rs.add(new Resource(PlainNodes.map(Map.of("apiVersion", "v1", "kind", "Service",
        "metadata", Map.of("name", "es", "namespace", "a"))), "t"));
    rs.add(new Resource(PlainNodes.map(Map.of("apiVersion", "v1", "kind", "Service",
        "metadata", Map.of("name", "es", "namespace", "b"))), "t"));
    MapNode ambiguous = PlainNodes.map(Map.of("name", "V", "objref", Map.of("kind", "Service", "name", "es",
        "apiVersion", "v1")));
    assertThrows(KustomizeException.class, () -> VarResolver.bind(rs, ambiguous));
    MapNode inB = PlainNodes.map(Map.of("name", "V", "objref", Map.of("kind", "Service", "name", "es",
        "apiVersion", "v1", "namespace", "b"), "FieldRef", Map.of("fieldpath", "metadata.namespace")));
    VarResolver.bind(rs, inB);
    assertEquals(List.of(), rs.all().get(0).refVarNames());
    assertEquals(List.of("V"), rs.all().get(1).refVarNames());
    assertEquals("metadata.namespace", VarResolver.parse(inB).fieldPath());
  }
}
