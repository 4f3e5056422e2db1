package dev.foresight.differ.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The line scan gives the parser's answer or none: never a different identity. */
class IdentityScanTest {

  @Test
  void readsKubectlFormattedObjects() {
    Manifest m = IdentityScan.of("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n"
        + "  annotations:\n    name: not-this\n  labels:\n    app: x\n  name: reader\n  namespace: ops\nrules:\n"
        + "- apiGroups:\n  - \"\"\n  resources:\n  - pods\n");
    assertNotNull(m);
    assertEquals(List.of("rbac.authorization.k8s.io/v1", "ClusterRole", "ops", "reader"),
        List.of(m.apiVersion(), m.kind(), m.namespace(), m.name()));
  }

  @Test
  void leavesEverythingAmbiguousToTheParser() {
    String head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n";
    for (String doc : List.of(
        head + "  name: \"quoted\"\n",          // quoted value
        head + "  name: 0123\n",                // a number to a YAML parser
        head + "  name: true\n",                // a boolean
        head + "  name: a # comment\n",         // a comment
        head + "  name: system:auth\n",         // outside the safe characters
        head + "  name: a\n  name: b\n",        // duplicate key
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flow}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: four-spaces\n",
        "kind: ConfigMap\nmetadata:\n  name: no-api-version\n",
        head + "- item\n",                      // a sequence under metadata
        head + "\n  name: after-blank\n",
        head + "  name: trailing \n")) {
      assertNull(IdentityScan.of(doc), doc);
    }
  }

  @Test
  void agreesWithTheParserOnEveryCorpusOutput() throws IOException {
    Path cases = Path.of(System.getProperty("foresight.shared", "../shared"), "kustomize-corpus", "cases");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(cases),
        "skipped: " + cases + " is absent (the kustomize corpus lives in ../shared)");
    int scanned = 0;
    try (Stream<Path> files = Files.walk(cases)) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("expected.yaml")).toList()) {
        for (String doc : Files.readString(file).split("(?m)^---\n")) {
          Manifest fast = IdentityScan.of(doc);
          if (fast == null) {
            continue;
          }
          scanned++;
          Object parsed = new Load(LoadSettings.builder().setAllowDuplicateKeys(true).build()).loadFromString(doc);
          Map<?, ?> object = (Map<?, ?>) parsed;
          Map<?, ?> meta = (Map<?, ?>) object.get("metadata");
          assertEquals(String.valueOf(object.get("apiVersion")), fast.apiVersion(), file + "\n" + doc);
          assertEquals(String.valueOf(object.get("kind")), fast.kind(), file + "\n" + doc);
          assertEquals(String.valueOf(meta.get("name")), fast.name(), file + "\n" + doc);
          assertEquals(meta.get("namespace") == null ? null : String.valueOf(meta.get("namespace")), fast.namespace(),
              file + "\n" + doc);
        }
      }
    }
    System.out.println("IdentityScan agreed with the parser on " + scanned + " corpus documents");
    assertTrue(scanned > 100, "the scan should apply to most kubectl output, applied to " + scanned);
  }
}
