package dev.foresight.kustomize.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opt-in ({@code -Dyaml.kubectl=true}): every resource file among the corpus inputs, parsed and
 * emitted, must give the documents {@code kubectl kustomize} prints for a kustomization listing
 * just that file (compared as sorted document lists, since kustomize reorders documents).
 */
class CorpusInputsVsKubectlTest {

  /** Files whose kubectl output differs for resource semantics, not YAML (owned by other packages). */
  private static final java.util.Map<String, String> NOT_YAML = java.util.Map.of(
      "TestBasicIO_1/input/service.yaml", "annotation values are coerced to strings when resources load",
      "TestEmptyList/input/emptyList.yaml", "an empty *List resource expands to no resources",
      "TestIssue4884_UseLocalConfigAsNameRefSource/input/resources.yaml", "local-config resources are dropped",
      "TestSKipLocalConfigAfterTransform/input/pod.yaml", "local-config resources are dropped");

  @Test
  void resourceFilesMatchKubectl() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("yaml.kubectl"), "set -Dyaml.kubectl=true to run kubectl");
    Path cases = CorpusRoundTripTest.corpus();
    Assumptions.assumeTrue(Files.isDirectory(cases), "no corpus");
    List<Path> files;
    try (Stream<Path> all = Files.walk(cases)) {
      files = all.filter(p -> p.toString().contains("/input/") && p.toString().endsWith(".yaml")
          && !p.getFileName().toString().startsWith("kustomization")).sorted().toList();
    }
    int compared = 0;
    int same = 0;
    List<String> failures = new ArrayList<>();
    for (Path file : files) {
      if (NOT_YAML.containsKey(cases.relativize(file).toString())) {
        continue;
      }
      String kubectl = kubectl(file);
      if (kubectl == null) {
        continue; // not a plain resource file (kubectl refuses it)
      }
      compared++;
      String mine;
      try {
        mine = Yaml.emitAll(Yaml.parseAll(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
      } catch (Exception e) {
        failures.add(file + ": " + e);
        continue;
      }
      List<String> a = new ArrayList<>(CorpusRoundTripTest.documents(kubectl));
      List<String> b = new ArrayList<>(CorpusRoundTripTest.documents(mine));
      a.sort(null);
      b.sort(null);
      if (a.equals(b)) {
        same++;
      } else {
        failures.add(file + "\n--- kubectl\n" + kubectl + "--- mine\n" + mine);
      }
    }
    System.out.println("yaml corpus inputs vs kubectl: " + same + "/" + compared + " identical");
    failures.stream().limit(10).forEach(f -> System.out.println("FAIL " + f));
    assertEquals(compared, same);
  }

  private static String kubectl(Path file) throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("yaml-input");
    Files.copy(file, tmp.resolve("r.yaml"));
    Files.writeString(tmp.resolve("kustomization.yaml"), "resources:\n- r.yaml\n");
    Path out = tmp.resolve("out");
    Process p = new ProcessBuilder("kubectl", "kustomize", tmp.toString())
        .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return null;
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
