package dev.foresight.app.pipeline;

import dev.foresight.app.Tools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What the pipeline's answer must be, computed the way a person would without Foresight: the
 * commit exported with {@code git archive}, {@code kubectl kustomize} per profile and per Flux
 * Kustomization path, the {@code postBuild.substitute} variables replaced. Nothing of the product
 * is used: Secrets stay in clear here (the test compares them by identity only), and a tree with a
 * {@code foresight.yaml} (output rules the oracle does not apply) is refused.
 */
final class KubectlOracle {

  /** One Flux Kustomization's expected rendered text. */
  record Rendered(String profile, String kustomization, String text) {}

  private final Path repo;
  private final Path work;
  private final Map<String, Map<String, Rendered>> bySha = new HashMap<>();

  KubectlOracle(Path repo, Path work) {
    this.repo = repo;
    this.work = work;
  }

  static boolean kubectlAvailable() {
    return Tools.kubectl();
  }

  /** profile/kustomization -> rendered text at {@code sha} (empty map for the zero sha). */
  Map<String, Rendered> render(String sha) throws Exception {
    if (sha.matches("0{40}")) {
      return Map.of();
    }
    Map<String, Rendered> cached = bySha.get(sha);
    if (cached != null) {
      return cached;
    }
    Path tree = work.resolve(sha);
    Files.createDirectories(tree);
    run(tree, "sh", "-c", "git -C '" + repo + "' archive " + sha + " | tar -x -C '" + tree + "'");
    if (Files.exists(tree.resolve("foresight.yaml"))) {
      throw new IllegalStateException(sha + " has a foresight.yaml: its mask/ignore output rules change what the"
          + " product diffs, and this oracle does not apply them; use a fixture without one");
    }
    Map<String, Rendered> out = new LinkedHashMap<>();
    List<Path> profiles = new ArrayList<>();
    try (var stream = Files.list(tree.resolve("profiles"))) {
      stream.filter(Files::isDirectory).sorted().forEach(profiles::add);
    }
    for (Path profile : profiles) {
      String name = profile.getFileName().toString();
      for (Object doc : new Load(LoadSettings.builder().build())
          .loadAllFromString(kustomize(tree, "profiles/" + name))) {
        Map<?, ?> object = (Map<?, ?>) doc;
        if (!"Kustomization".equals(object.get("kind"))
            || !String.valueOf(object.get("apiVersion")).startsWith("kustomize.toolkit.fluxcd.io/")) {
          continue;
        }
        String ks = (String) ((Map<?, ?>) object.get("metadata")).get("name");
        Map<?, ?> spec = (Map<?, ?>) object.get("spec");
        String text = kustomize(tree, String.valueOf(spec.get("path")));
        Map<?, ?> postBuild = (Map<?, ?>) spec.get("postBuild");
        if (postBuild != null && postBuild.get("substitute") instanceof Map<?, ?> vars) {
          for (Map.Entry<?, ?> var : vars.entrySet()) {
            text = text.replace("${" + var.getKey() + "}", String.valueOf(var.getValue()));
          }
        }
        out.put(name + "/" + ks, new Rendered(name, ks, text));
      }
    }
    bySha.put(sha, out);
    return out;
  }

  private static String kustomize(Path tree, String dir) throws Exception {
    return run(tree, "kubectl", "kustomize", tree.resolve(dir.replaceFirst("^\\./", "")).toString());
  }

  private static String run(Path dir, String... command) throws Exception {
    // stderr to a file: reading two pipes one after the other hangs when the other one fills
    Path errFile = java.nio.file.Files.createTempFile("kubectl-", ".err");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(errFile.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    int exit = process.waitFor();
    String err = java.nio.file.Files.readString(errFile);
    java.nio.file.Files.delete(errFile);
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + err);
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
