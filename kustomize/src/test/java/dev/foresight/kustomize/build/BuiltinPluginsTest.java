package dev.foresight.kustomize.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.MapFileTree;
import dev.foresight.kustomize.UnsupportedFeature;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code generators} / {@code transformers} / {@code validators} entries holding builtin plugin
 * configs (expected outputs and errors as kubectl kustomize v5.5.0 gives them).
 */
class BuiltinPluginsTest {

  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";

  private static String build(String kustomization, Map<String, String> more) throws KustomizeException {
    Map<String, String> files = new java.util.HashMap<>(more);
    files.put("kustomization.yaml", kustomization);
    files.putIfAbsent("a.yaml", CM);
    return Kustomizer.buildYaml(new MapFileTree(files), "");
  }

  private static String inline(String field, String config) {
    return "resources:\n- a.yaml\n" + field + ":\n- |-\n  " + config.replace("\n", "\n  ") + "\n";
  }

  @Test
  void inlineGeneratorWithNameFromMetadata() throws KustomizeException {
    String out = build("generators:\n- |-\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n  metadata:\n"
        + "    name: mymap\n  literals:\n  - FRUIT=apple\n  - VEGETABLE=carrot\n", Map.of());
    assertEquals("apiVersion: v1\ndata:\n  FRUIT: apple\n  VEGETABLE: carrot\nkind: ConfigMap\nmetadata:\n"
        + "  name: mymap-kfd8tf729k\n", out);
  }

  @Test
  void transformerFromFileWithFieldSpecsIgnoringUnknownKeys() throws KustomizeException {
    String out = build("resources:\n- a.yaml\ntransformers:\n- t.yaml\n", Map.of("t.yaml",
        "apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata:\n  name: x\nprefix: baked-\nsuffix: -pie\n"
            + "fieldSpecs:\n- path: metadata/name\n  name: ignored\n"));
    assertTrue(out.contains("name: baked-a-pie\n"), out);
  }

  @Test
  void transformerConfigsFromAKustomizationDirectory() throws KustomizeException {
    String out = build("resources:\n- a.yaml\ntransformers:\n- plugins\n", Map.of(
        "plugins/kustomization.yaml", "resources:\n- l.yaml\n",
        "plugins/l.yaml", "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: l\nlabels:\n  x: z\n"
            + "fieldSpecs:\n- path: metadata/labels\n  create: true\n"));
    assertEquals(CM.replace("metadata:\n", "metadata:\n  labels:\n    x: z\n"), out);
  }

  @Test
  void prefixTransformerNeedsFieldSpecs() {
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(inline("transformers",
        "apiVersion: builtin\nkind: PrefixTransformer\nmetadata:\n  name: v\nprefix: x-"), Map.of()));
    assertTrue(e.getMessage().contains("fieldSpecs is not expected to be nil"), e.getMessage());
  }

  @Test
  void generatorKindUnderTransformersAndUnknownBuiltinsFail() {
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(inline("transformers",
        "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: v"), Map.of()));
    assertTrue(e.getMessage().contains("plugin ConfigMapGenerator.builtin.[noGrp]/v.[noNs] not a transformer"),
        e.getMessage());
    e = assertThrows(KustomizeException.class, () -> build(inline("generators",
        "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: v"), Map.of()));
    assertTrue(e.getMessage().contains("not a generator"), e.getMessage());
    e = assertThrows(KustomizeException.class, () -> build(inline("transformers",
        "apiVersion: builtin\nkind: SortOrderTransformer\nmetadata:\n  name: v"), Map.of()));
    assertTrue(e.getMessage().contains("unable to load builtin SortOrderTransformer.builtin.[noGrp]"),
        e.getMessage());
  }

  @Test
  void externalPluginsAreUnsupported() {
    UnsupportedFeature e = assertThrows(UnsupportedFeature.class, () -> build(inline("transformers",
        "apiVersion: example.com/v1\nkind: MyPlugin\nmetadata:\n  name: v"), Map.of()));
    assertTrue(e.getMessage().contains("example.com/v1/MyPlugin"), e.getMessage());
  }

  @Test
  void validatorsMayNotChangeResources() throws KustomizeException {
    assertEquals(CM, build(inline("validators", "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n"
        + "  name: v\nlabels: {}\nfieldSpecs: []"), Map.of()));
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(inline("validators",
        "apiVersion: builtin\nkind: LabelTransformer\nmetadata:\n  name: v\nlabels: {x: y}\n"
            + "fieldSpecs: [{path: metadata/labels, create: true}]"), Map.of()));
    assertTrue(e.getMessage().contains("validator shouldn't modify the resource map"), e.getMessage());
  }

  @Test
  void missingConfigFileFails() {
    assertThrows(KustomizeException.class, () -> build("resources:\n- a.yaml\ntransformers:\n- missing.yaml\n",
        Map.of()));
  }

  @Test
  void invalidRoleBindingSubjectMode() {
    KustomizeException e = assertThrows(KustomizeException.class, () -> build(inline("transformers",
        "apiVersion: builtin\nkind: NamespaceTransformer\nmetadata:\n  name: v\n  namespace: n\n"
            + "setRoleBindingSubjects: some"), Map.of()));
    assertTrue(e.getMessage().contains("invalid value \"some\" for setRoleBindingSubjects"), e.getMessage());
  }

  @Test
  void valueAddCreatesFieldsKeepsStylesAndMatchesListItems() throws KustomizeException {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {QUOTED: \"x\", PLAIN: y}\n"
        + "spec: {list: [b], items: [{name: y}], nullfield: null, arr: [1]}\n";
    String out = build(inline("transformers", "apiVersion: builtin\nkind: ValueAddTransformer\nmetadata: {name: x}\n"
        + "value: \"8080\"\ntargets:\n- fieldPath: data/NEW\n- fieldPath: data/QUOTED\n- fieldPath: data/PLAIN\n"
        + "- fieldPath: spec/list/[=a]\n- fieldPath: spec/items/[name=z]/v\n- fieldPath: spec/nullfield/x\n"
        + "- fieldPath: spec/arr/5"), Map.of("a.yaml", cm));
    // kubectl kustomize v5.5.0 on the same input
    assertEquals("apiVersion: v1\ndata:\n  NEW: 8080\n  PLAIN: 8080\n  QUOTED: \"8080\"\nkind: ConfigMap\n"
        + "metadata:\n  name: c\nspec:\n  arr:\n  - 1\n  items:\n  - name: \"y\"\n  - name: z\n    v: 8080\n"
        + "  list:\n  - b\n  - 8080\n  nullfield: null\n", out);
  }

  @Test
  void valueAddConfigErrorsAreKustomizes() {
    for (String[] c : new String[][] {{"targets: []", "must specify at least one target"},
        {"targets: [{fieldPath: ''}]", "fieldPath cannot be empty"},
        {"targets: [{fieldPath: a, filePathPosition: -1}]", "value of FilePathPosition (-1) cannot be negative"},
        {"targets: [{fieldPath: metadata}]", "wrong node kind: expected ScalarNode but got MappingNode"}}) {
      KustomizeException e = assertThrows(KustomizeException.class, () -> build(inline("transformers",
          "apiVersion: builtin\nkind: ValueAddTransformer\nmetadata: {name: x}\nvalue: v\n" + c[0]), Map.of()));
      assertTrue(!(e instanceof UnsupportedFeature) && e.getMessage().contains(c[1]), e.getMessage());
    }
  }

  @Test
  void valueAddInsertsIntoFilePaths() {
    // the table of kyaml's filesys.InsertPathPart (value PEACH, position = filePathPosition - 1)
    String[][] table = {{"", "PEACH", "0"}, {"/", "/PEACH", "0"}, {"pie", "PEACH/pie", "0"},
        {"/pie", "/PEACH/pie", "0"}, {"raw", "raw/PEACH", "1"}, {"/raw", "/raw/PEACH", "1"},
        {"a/nice/warm/pie", "a/nice/warm/PEACH/pie", "3"}, {"/a/nice/warm/pie", "/a/nice/warm/PEACH/pie", "3"},
        {"./clusters/apps", "clusters/PEACH/apps", "2"}, {"./clusters/apps", "PEACH/clusters/apps", "1"}, {"raw", "raw/PEACH", "9999"}};
    for (String[] row : table) {
      assertEquals(row[1], ValueAdd.insertPathPart(row[0], Long.parseLong(row[2]), "PEACH"), row[0]);
    }
  }
}
