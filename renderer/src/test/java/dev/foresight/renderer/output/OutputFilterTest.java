package dev.foresight.renderer.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.flux.ForesightConfig;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** (b) configurable masked fields and ignored fields. */
class OutputFilterTest {

  private static final UnaryOperator<String> TOKEN = v -> "masked:" + Integer.toHexString(v.hashCode());

  private static final String DEPLOY = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        annotations:
          deployment.kubernetes.io/revision: "7"
          keep: me
        name: web
        namespace: apps
      spec:
        template:
          metadata:
            annotations:
              kubectl.kubernetes.io/restartedAt: "2026-01-01T00:00:00Z"
          spec:
            containers:
            - env:
              - name: A
                value: one
              - name: B
                value: two
              image: web:1
              name: web
      """;
  private static final String CREDS = """
      apiVersion: v1
      data:
        password: hunter2
        user: admin
      kind: ConfigMap
      metadata:
        name: db-credentials
      """;
  private static final String OTHER = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain   # as written\n"
      + "data:\n  password: visible\n";

  private static OutputRules rules(String yaml) throws Exception {
    return OutputRules.of(ForesightConfig.parse(yaml));
  }

  @Test
  void pathSyntax() {
    assertEquals(List.of("metadata", "annotations", "deployment.kubernetes.io/revision"),
        FieldPath.parse("metadata.annotations[deployment.kubernetes.io/revision]").segments().stream()
            .map(FieldPath.Segment::key).toList());
    assertEquals(List.of("a", "b.c", "d", "*"),
        FieldPath.parse("a[b.c].d.*").segments().stream().map(FieldPath.Segment::key).toList());
    assertEquals(2, FieldPath.parse("a[x][y]").segments().size() - 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("a..b")).getMessage()
        .contains("empty segment"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("a[b")).getMessage()
        .contains("unclosed"));
    assertTrue(OutputRule.glob("*-credentials", "db-credentials"));
    assertFalse(OutputRule.glob("*-credentials", "db-credentials-2"));
  }

  @Test
  void ignoredFieldsAreRemovedAndUntouchedDocumentsStayByteForByte() throws Exception {
    OutputRules rules = rules("""
        report:
          ignore:
          - {kind: "*", path: "metadata.annotations[deployment.kubernetes.io/revision]"}
          - {kind: Deployment, path: "spec.template.metadata.annotations[kubectl.kubernetes.io/restartedAt]"}
          - {kind: Secret, path: data}
        """);
    String yaml = DEPLOY + "---\n" + OTHER;
    OutputFilter.Result result = OutputFilter.apply(yaml, rules, TOKEN);
    assertFalse(result.text().contains("revision") || result.text().contains("restartedAt"), result.text());
    assertTrue(result.text().contains("keep: me"), result.text());
    assertTrue(result.text().endsWith("---\n" + OTHER), "an object no rule matched is kept byte for byte");
    assertEquals(List.of("ignored fields: 2 rules matched 1 object"), result.notes());
    OutputFilter.Result again = OutputFilter.apply(result.text(), rules, TOKEN);
    assertEquals(result.text(), again.text(), "idempotent: the writer is kubectl's formatting");
    assertEquals(List.of(), again.notes());
  }

  @Test
  void maskRulesByKindNameGlobAndThroughLists() throws Exception {
    OutputRules rules = rules("""
        report:
          mask:
          - {kind: ConfigMap, name: "*-credentials", path: "data.*"}
          - {kind: "*", path: spec.template.spec.containers.env.value}
        """);
    OutputFilter.Result result = OutputFilter.apply(CREDS + "---\n" + DEPLOY + "---\n" + OTHER, rules, TOKEN);
    String out = result.text();
    assertFalse(out.contains("hunter2") || out.contains("admin") || out.contains("value: one"), out);
    assertTrue(out.contains("password: " + TOKEN.apply("hunter2")), out);
    assertTrue(out.contains("value: " + TOKEN.apply("two")), out);
    assertTrue(out.contains("password: visible"), "plain is not a *-credentials ConfigMap: " + out);
    assertEquals(List.of("masked fields: 2 rules matched 2 objects"), result.notes());
  }

  @Test
  void listIndexAndWildcard() throws Exception {
    OutputRules rules = rules("report:\n  ignore:\n  - {path: spec.template.spec.containers.0.env.1}\n");
    String out = OutputFilter.apply(DEPLOY, rules, TOKEN).text();
    assertTrue(out.contains("name: A") && !out.contains("name: B"), out);

    // `*` matches every item of a list (and every key of a map)
    OutputRules values = rules("report:\n  mask:\n  - {path: \"spec.template.spec.containers.*.env.*.value\"}\n");
    String masked = OutputFilter.apply(DEPLOY, values, TOKEN).text();
    assertTrue(masked.contains("name: A") && masked.contains("name: B"), masked);
    assertTrue(!masked.contains("value: one") && !masked.contains("value: two"), masked);
    assertTrue(masked.contains("image: web:1"), "only the matched fields change: " + masked);
  }

  @Test
  void badRulesAreLocated() {
    ForesightConfig.InvalidException e = assertThrows(ForesightConfig.InvalidException.class,
        () -> rules("report:\n  ignore:\n  - {kind: Deployment}\n  - {path: \"a..b\"}\n"));
    assertTrue(e.getMessage().startsWith("foresight.yaml:3: report.ignore[0].path is missing"), e.getMessage());
    e = assertThrows(ForesightConfig.InvalidException.class,
        () -> rules("report:\n  ignore:\n  - {path: \"a..b\"}\n"));
    assertTrue(e.getMessage().startsWith("foresight.yaml:3: report.ignore[0].path 'a..b' has an empty segment"),
        e.getMessage());
    e = assertThrows(ForesightConfig.InvalidException.class,
        () -> rules("report:\n  mask:\n  - {kinds: x, path: a}\n"));
    assertTrue(e.getMessage().contains("report.mask[0].kinds is not a rule key"), e.getMessage());
    assertTrue(e.getMessage().endsWith("did you mean 'kind'?"), e.getMessage());
    e = assertThrows(ForesightConfig.InvalidException.class, () -> rules("report:\n  ignores: []\n"));
    assertEquals("foresight.yaml:2: report.ignores is not a report setting (mask, ignore); did you mean 'ignore'?",
        e.getMessage());
  }
}
