package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {

  private static final Map<String, String> VARS = Map.of("cluster_name", "eu-1", "empty", "");

  private static Substitution.Result apply(String text) {
    return Substitution.apply(text, VARS);
  }

  @Test
  void replacesDefinedVariables() {
    assertEquals("name: eu-1-api\nhost: eu-1.example.com\n",
        apply("name: ${cluster_name}-api\nhost: ${cluster_name}.example.com\n").text());
  }

  @Test
  void usesDefaultsWhenUnsetOrEmpty() {
    Substitution.Result r = apply("a: ${region:=west}\nb: ${zone:-z1}\nc: ${empty:-fallback}\nd: ${cluster_name:=x}\n");
    assertEquals("a: west\nb: z1\nc: fallback\nd: eu-1\n", r.text());
    assertEquals(List.of(), r.unresolved());
  }

  @Test
  void emptyDefaultIsAllowed() {
    assertEquals("a: \n", apply("a: ${nothing:=}\n").text());
  }

  @Test
  void doubleDollarEscapesToLiteral() {
    assertEquals("script: echo ${HOME} eu-1\n", apply("script: echo $${HOME} ${cluster_name}\n").text());
  }

  @Test
  void undefinedVariablesAreKeptAndReported() {
    Substitution.Result r = apply("a: ${SECRET_DOMAIN}\nb: ${cluster_name}\nc: ${OTHER}\nd: ${SECRET_DOMAIN}\n");
    assertEquals("a: ${SECRET_DOMAIN}\nb: eu-1\nc: ${OTHER}\nd: ${SECRET_DOMAIN}\n", r.text());
    assertEquals(List.of("SECRET_DOMAIN", "OTHER"), r.unresolved());
  }

  @Test
  void aNameStartingWithADigitIsAVariableThatNoValueCanFill() {
    String text = "a: ${1abc}\nc: $cluster_name\n";
    Substitution.Result r = apply(text);
    assertEquals(text, r.text());
    assertEquals(List.of("1abc"), r.unresolved());
  }

  @Test
  void optOutAnnotationLeavesTheDocumentUntouched() {
    String scripts = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: scripts\n  annotations:\n"
        + "    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata:\n  run.sh: echo ${cluster_name} $${x}\n";
    String other = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  c: ${cluster_name}\n";
    Substitution.Result r = apply(scripts + "---\n" + other);
    assertEquals(scripts + "---\n" + other.replace("${cluster_name}", "eu-1"), r.text());
  }

  @Test
  void separatorsAndTextOutsideVariablesAreKeptByteForByte() {
    String text = "a: 1\n---\n# comment $ { }\nb: '$'\n---\nc: ${cluster_name}";
    assertEquals(text.replace("${cluster_name}", "eu-1"), apply(text).text());
  }

  @Test
  void aValueThatBreaksTheYamlIsAnErrorNamingTheObject() {
    Substitution.Result r = Substitution.apply("kind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: ${v}\n",
        Map.of("v", "a: b"));
    assertEquals(List.of("ConfigMap c: after substitution the object is not valid YAML (mapping values are not allowed"
        + " here at line 5, column 7); kustomize-controller fails the build on it. A substituted value must fit where"
        + " it lands, e.g. no ': ' in a plain scalar"), r.errors());
    assertEquals(List.of(), Substitution.apply("k: ${v}\n", Map.of("v", "'a: b'")).errors(), "a quoted value fits");
  }
}
