package dev.foresight.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.kustomize.build.BuildMemo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kustomize v5.5.0's deprecation warnings (types.Kustomization.CheckDeprecatedFields, printed by
 * KustTarget.Load): one test per deprecated field with kubectl's exact line, then the conditions —
 * set (even empty) warns, null does not, any key spelling, kustomize's order, once per load (a
 * component loaded twice warns twice, a memoised base too), warnings before a later error. Each
 * tree is also built by {@code kubectl kustomize} when it is on PATH and its stderr compared.
 */
class BuildWarningTest {

  @TempDir
  Path tmp;

  private static final String CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n";

  /** kubectl's lines (kustomize v5.5.0), as it printed them. */
  private static final Map<BuildWarning.Deprecation, String> KUBECTL = Map.of(
      BuildWarning.Deprecation.BASES, "# Warning: 'bases' is deprecated. Please use 'resources' instead. "
          + "Run 'kustomize edit fix' to update your Kustomization automatically.",
      BuildWarning.Deprecation.COMMON_LABELS, "# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. "
          + "Run 'kustomize edit fix' to update your Kustomization automatically.",
      BuildWarning.Deprecation.IMAGE_TAGS, "# Warning: 'imageTags' is deprecated. Please use 'images' instead. "
          + "Run 'kustomize edit fix' to update your Kustomization automatically.",
      BuildWarning.Deprecation.PATCHES_JSON6902, "# Warning: 'patchesJson6902' is deprecated. Please use 'patches' "
          + "instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
      BuildWarning.Deprecation.PATCHES_STRATEGIC_MERGE, "# Warning: 'patchesStrategicMerge' is deprecated. Please use "
          + "'patches' instead. Run 'kustomize edit fix' to update your Kustomization automatically.",
      BuildWarning.Deprecation.VARS, "# Warning: 'vars' is deprecated. Please use 'replacements' instead. "
          + "[EXPERIMENTAL] Run 'kustomize edit fix' to update your Kustomization automatically.");

  /** A kustomization using only {@code field}, in a shape that builds. */
  private static String using(BuildWarning.Deprecation d) {
    return switch (d) {
      case BASES -> "bases: [base]\n";
      case COMMON_LABELS -> "resources: [cm.yaml]\ncommonLabels: {team: payments}\n";
      case IMAGE_TAGS -> "resources: [cm.yaml]\nimageTags: [{name: nginx, newTag: '1.27'}]\n";
      case PATCHES_JSON6902 -> "resources: [cm.yaml]\npatchesJson6902:\n- target: {version: v1, kind: ConfigMap, "
          + "name: settings}\n  patch: '[{\"op\": \"add\", \"path\": \"/data\", \"value\": {\"a\": \"b\"}}]'\n";
      case PATCHES_STRATEGIC_MERGE -> "resources: [cm.yaml]\npatchesStrategicMerge:\n- |-\n  apiVersion: v1\n"
          + "  kind: ConfigMap\n  metadata:\n    name: settings\n  data:\n    a: b\n";
      // a var that is used: an unused one makes kubectl log an (unreproducible, timestamped) info line too
      case VARS -> "resources: [cm.yaml, pod.yaml]\nvars:\n- name: CM\n  objref: {kind: ConfigMap, name: settings, "
          + "apiVersion: v1}\n";
    };
  }

  @ParameterizedTest
  @EnumSource(BuildWarning.Deprecation.class)
  void eachDeprecatedFieldWarnsAsKubectl(BuildWarning.Deprecation d) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("kustomization.yaml", using(d));
    files.put("cm.yaml", CM);
    files.put("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n  - name: app\n"
        + "    image: app:1\n    command: [run, $(CM)]\n");
    files.put("base/kustomization.yaml", "resources: [cm.yaml]\n");
    files.put("base/cm.yaml", CM);
    Kustomizer.Built built = Kustomizer.render(new MapFileTree(files), "", LoadRestrictor.ROOT_ONLY);
    assertEquals(List.of(new BuildWarning(d, "kustomization.yaml")), built.warnings());
    assertEquals(KUBECTL.get(d) + "\n", stderr(built.warnings()));
    assertKubectl(files, "", 0, stderr(built.warnings()));
  }

  @Test
  void setButEmptyWarnsNullDoesNotAnySpellingCounts() throws Exception {
    Map<String, String> files = Map.of(
        "kustomization.yaml", "resources: [cm.yaml]\nvars: []\ncommonLabels: {}\nbases: ~\nimageTags:\n"
            + "PatchesJson6902: []\nPATCHESSTRATEGICMERGE: null\n",
        "cm.yaml", CM);
    Kustomizer.Built built = Kustomizer.render(new MapFileTree(files), "", LoadRestrictor.ROOT_ONLY);
    assertEquals(List.of(BuildWarning.Deprecation.COMMON_LABELS, BuildWarning.Deprecation.PATCHES_JSON6902,
        BuildWarning.Deprecation.VARS), built.warnings().stream().map(BuildWarning::kind).toList());
    assertKubectl(files, "", 0, stderr(built.warnings()));
  }

  @Test
  void orderIsPerLoadInKustomizeOrderAndRepeatsPerLoad() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("top/kustomization.yaml", "vars: []\nresources: [../a, ../b]\nbases: []\n");
    for (String app : List.of("a", "b")) {
      files.put(app + "/kustomization.yaml", "resources: [cm.yaml]\nnameSuffix: -" + app
          + "\ncomponents: [../monitoring]\n");
      files.put(app + "/cm.yaml", CM);
    }
    files.put("monitoring/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
        + "commonLabels: {tier: monitoring}\n");
    Kustomizer.Built built = Kustomizer.render(new MapFileTree(files), "top", LoadRestrictor.ROOT_ONLY);
    assertEquals(List.of(new BuildWarning(BuildWarning.Deprecation.BASES, "top/kustomization.yaml"),
        new BuildWarning(BuildWarning.Deprecation.VARS, "top/kustomization.yaml"),
        new BuildWarning(BuildWarning.Deprecation.COMMON_LABELS, "monitoring/kustomization.yaml"),
        new BuildWarning(BuildWarning.Deprecation.COMMON_LABELS, "monitoring/kustomization.yaml")),
        built.warnings());
    assertKubectl(files, "top", 0, stderr(built.warnings()));
  }

  @Test
  void aMemoisedBaseWarnsOnEveryBuildThatLoadsIt() throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("base/kustomization.yaml", "resources: [cm.yaml]\ncommonLabels: {app: shop}\n");
    files.put("base/cm.yaml", CM);
    files.put("staging/kustomization.yaml", "resources: [../base]\nnamespace: staging\n");
    files.put("production/kustomization.yaml", "resources: [../base]\nnamespace: production\n");
    MapFileTree tree = new MapFileTree(files);
    Kustomizer kustomizer = new Kustomizer(new BuildMemo());
    List<BuildWarning> expected = List.of(new BuildWarning(BuildWarning.Deprecation.COMMON_LABELS,
        "base/kustomization.yaml"));
    assertEquals(expected, kustomizer.render(tree, "staging").warnings());
    assertEquals(expected, kustomizer.render(tree, "production").warnings());
    assertEquals(1, kustomizer.memo().stats().hits(), "the second build is a memo hit");
    assertKubectl(files, "production", 0, stderr(expected));
  }

  @Test
  void warningsPrintedBeforeAnErrorStayWithIt() throws Exception {
    Map<String, String> files = Map.of(
        "overlay/kustomization.yaml", "bases: [../base]\n",
        "base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nimageTags: []\n");
    KustomizeException e = assertThrows(KustomizeException.class,
        () -> Kustomizer.render(new MapFileTree(files), "overlay", LoadRestrictor.ROOT_ONLY));
    assertEquals(List.of(new BuildWarning(BuildWarning.Deprecation.BASES, "overlay/kustomization.yaml"),
        new BuildWarning(BuildWarning.Deprecation.IMAGE_TAGS, "base/kustomization.yaml")), e.warnings());
    assertKubectl(files, "overlay", 1, stderr(e.warnings()));
  }

  @Test
  void reportMessageNamesTheFileAndTheFix() {
    assertEquals("apps/base/kustomization.yaml: 'patchesJson6902' is deprecated, use 'patches'; "
        + "'kustomize edit fix' rewrites it",
        new BuildWarning(BuildWarning.Deprecation.PATCHES_JSON6902, "apps/base/kustomization.yaml").message());
    assertEquals("k.yaml: 'vars' is deprecated, use 'replacements'; 'kustomize edit fix' rewrites it (experimental)",
        new BuildWarning(BuildWarning.Deprecation.VARS, "k.yaml").message());
  }

  private static String stderr(List<BuildWarning> warnings) {
    return RealWorldTest.RealWorldCase.stderr(warnings);
  }

  /**
   * When kubectl is on PATH: {@code kubectl kustomize dir} of {@code files} exits with
   * {@code exit} (0 or not) and prints {@code warnings} on stderr (before its error, if any).
   */
  private void assertKubectl(Map<String, String> files, String dir, int exit, String warnings) throws Exception {
    if (!RealWorldTest.RealWorldCase.kubectlOnPath()) {
      System.out.println("BuildWarningTest: kubectl is not on PATH: warnings not re-checked against it");
      return;
    }
    Path root = Files.createTempDirectory(tmp, "tree");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path file = root.resolve(f.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
    }
    Path err = root.resolve("stderr.txt");
    Process p = new ProcessBuilder("kubectl", "kustomize", dir.isEmpty() ? "." : dir).directory(root.toFile())
        .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl timed out");
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    if (exit == 0) {
      assertEquals(0, p.exitValue(), "kubectl failed: " + stderr);
      assertEquals(warnings, stderr, "kubectl's stderr");
    } else {
      assertTrue(p.exitValue() != 0, "kubectl succeeded");
      assertEquals(warnings, RealWorldTest.RealWorldCase.warningLines(stderr), "kubectl's warnings before its error");
    }
  }
}
