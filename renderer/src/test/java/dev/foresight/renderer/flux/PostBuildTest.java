package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostBuildTest {

  static FluxKustomization ks(Map<String, Object> postBuild) {
    return FluxKustomization.of(Map.of("apiVersion", "kustomize.toolkit.fluxcd.io/v1", "kind", "Kustomization",
        "metadata", Map.of("name", "app", "namespace", "ns"), "spec", Map.of("path", "./", "postBuild", postBuild)));
  }

  static final SubstitutionSources SOURCES = (kind, namespace, name) -> switch (kind + "/" + namespace + "/" + name) {
    case "ConfigMap/ns/one" -> Optional.of(new SubstitutionSources.Found(Map.of("data", Map.of("a", "1", "b", "1\n")), "t"));
    case "ConfigMap/ns/two" -> Optional.of(new SubstitutionSources.Found(Map.of("data", Map.of("b", "2", "c", "2")), "t"));
    case "Secret/ns/creds" -> Optional.of(new SubstitutionSources.Found(Map.of("data", Map.of("pw", "aHVudGVyMg=="),
        "stringData", Map.of("user", "admin")), "t"));
    case "Secret/ns/sops" -> Optional.of(new SubstitutionSources.Found(Map.of("stringData",
        Map.of("token", "ENC[AES256_GCM,data:eA==,iv:aXY=,tag:dGFn,type:str]"), "sops", Map.of("version", "3")), "t"));
    case "ConfigMap/ns/bad" -> Optional.of(new SubstitutionSources.Found(Map.of("data", Map.of("not-a-name", "x")), "t"));
    default -> Optional.empty();
  };

  @Test
  void substituteFromInOrderThenSubstituteWinsNewlinesRemoved() {
    FluxKustomization ks = ks(Map.of("substitute", Map.of("c", "inline\nvalue"), "substituteFrom", List.of(
        Map.of("kind", "ConfigMap", "name", "one"), Map.of("kind", "ConfigMap", "name", "two"))));
    PostBuild.Result result = PostBuild.apply("v: ${a}-${b}-${c}\n", ks, SOURCES);
    assertNull(result.error());
    assertEquals("v: 1-2-inlinevalue\n", result.text());
  }

  @Test
  void secretSourcedValuesGoThroughTheMaskUnlessOverridden() {
    FluxKustomization ks = ks(Map.of("substitute", Map.of("user", "inline"), "substituteFrom", List.of(
        Map.of("kind", "Secret", "name", "creds"))));
    PostBuild.Result result = PostBuild.apply("v: ${user}/${pw}\n", ks, SOURCES, v -> "<" + v.length() + ">");
    assertEquals("v: inline/<7>\n", result.text());
    assertEquals("v: inline/hunter2\n", PostBuild.apply("v: ${user}/${pw}\n", ks, SOURCES).text());
  }

  @Test
  void invalidVariableNamesAreAnErrorAsInFlux() {
    PostBuild.Result result = PostBuild.apply("v: 1\n", ks(Map.of("substituteFrom", List.of(
        Map.of("kind", "ConfigMap", "name", "bad")))), SOURCES);
    assertTrue(result.error().contains("'not-a-name' var name is invalid"), result.error());
  }

  @Test
  void withoutPostBuildNothingHappens() {
    FluxKustomization ks = FluxKustomization.of(Map.of("apiVersion", "kustomize.toolkit.fluxcd.io/v1", "kind",
        "Kustomization", "metadata", Map.of("name", "a"), "spec", Map.of()));
    assertEquals("v: ${x:=1}\n", PostBuild.apply("v: ${x:=1}\n", ks, SubstitutionSources.NONE).text());
  }

  static final String DOC = "kind: ConfigMap\nmetadata:\n  name: c\n  namespace: ns\ndata:\n  v: ${a}-${gone}-${token}\n";

  @Test
  void unresolvedIsAWarningByDefaultAndAnErrorInStrictModeExceptWhatOnlySopsCouldGive() {
    FluxKustomization ks = ks(Map.of("substituteFrom", List.of(Map.of("kind", "ConfigMap", "name", "one"),
        Map.of("kind", "Secret", "name", "sops"))));
    PostBuild.Result lenient = PostBuild.apply(DOC, ks, SOURCES, null, false);
    assertNull(lenient.error());
    assertTrue(lenient.text().contains("v: 1-${gone}-${token}"), lenient.text());
    assertTrue(lenient.warnings().get(1).startsWith("unresolved variables ${gone} (in ConfigMap ns/c), ${token}"
        + " (in ConfigMap ns/c)"), lenient.warnings().toString());

    PostBuild.Result strict = PostBuild.apply(DOC, ks, SOURCES, null, true);
    assertTrue(strict.error().startsWith("unresolved variables ${gone} (in ConfigMap ns/c): no value"), strict.error());
    assertTrue(strict.error().contains("strictPostBuildSubstitutions"), strict.error());

    PostBuild.Result onlySops = PostBuild.apply(DOC.replace("-${gone}", ""), ks, SOURCES, null, true);
    assertNull(onlySops.error(), "the cluster can decrypt it: no error offline");
    assertTrue(String.join("\n", onlySops.warnings()).contains("${token} (in ConfigMap ns/c)"),
        onlySops.warnings().toString());
  }

  @Test
  void aSubstitutionSyntaxErrorFailsTheKustomizationAsInFlux() {
    FluxKustomization ks = ks(Map.of("substitute", Map.of("a", "1")));
    PostBuild.Result result = PostBuild.apply(DOC.replace("${gone}", "${gone-x}"), ks, SOURCES);
    assertTrue(result.error().startsWith("postBuild substitution: ConfigMap ns/c: missing closing brace at '${gone-x}"),
        result.error());
  }
}
