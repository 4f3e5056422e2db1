package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertNull;

import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flux repository built in code, a renderer over it (the native engine, which needs no kubectl),
 * and kubectl as an optional oracle: {@link #crossCheck} is skipped when kubectl is absent.
 */
final class FluxHarness implements AutoCloseable {

  static final byte[] KEY = "flux-harness-key".getBytes(StandardCharsets.UTF_8);

  final Path tmp;
  final TestRepo repo;
  final Renderer renderer;
  private int oracles;

  FluxHarness(Path tmp) throws Exception {
    this.tmp = tmp;
    this.repo = TestRepo.init(tmp.resolve("repo"));
    this.renderer = new Renderer(new RendererConfig(tmp.resolve("data"), KEY, Duration.ofSeconds(60))
        .withEngine(EngineChoice.NATIVE));
  }

  /** A Flux Kustomization in flux-system; {@code spec} lines are indented under spec. */
  static String ks(String name, String path, String... spec) {
    StringBuilder out = new StringBuilder("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
        + "  name: " + name + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: " + path + "\n  prune: true\n"
        + "  sourceRef:\n    kind: GitRepository\n    name: flux-system\n");
    for (String line : String.join("\n", spec).split("\n")) {
      if (!line.isEmpty()) {
        out.append("  ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** A profile entry listing {@code files}. */
  static String entry(String... files) {
    return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
        + Stream.of(files).map(f -> "- " + f + "\n").collect(Collectors.joining());
  }

  String commit(Map<String, String> files) throws Exception {
    return repo.write(files).commit("commit");
  }

  ChangeRequested change(String base, String head) {
    String url = repo.dir().toString();
    return ChangeRequested.newBuilder().setChangeId(ChangeIds.of(url, "refs/heads/master", base, head))
        .setRepo(url).setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(base).setHead(head)
        .setSource("test").setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  RenderPlan plan(String base, String head) {
    RenderPlan plan = renderer.plan(change(base, head));
    assertNull(plan.getError(), plan.getError());
    return plan;
  }

  /** Renders pair profile:flux-system/ks of a new branch at {@code head}. */
  RenderResult render(String head, String profile, String ks) {
    return render(ChangeIds.ZERO_SHA, head, profile, "flux-system", ks);
  }

  RenderResult render(String base, String head, String profile, String namespace, String ks) {
    List<RenderJob> jobs = renderer.jobs(plan(base, head));
    RenderJob job = jobs.stream().filter(j -> j.getProfile().equals(profile) && j.getKustomization().equals(ks)
        && j.getNamespace().equals(namespace)).findFirst()
        .orElseThrow(() -> new AssertionError("no job " + profile + ":" + namespace + "/" + ks + " in " + jobs));
    return renderer.render(job);
  }

  static List<String> pairs(RenderPlan plan) {
    return plan.getPairs().stream().map(p -> p.getProfile() + ":" + p.getNamespace() + "/" + p.getKustomization()
        + "@" + p.getPath()).collect(Collectors.toList());
  }

  /**
   * When kubectl is on the PATH: {@code actual} equals {@code kubectl kustomize dir} of a copy of the
   * work tree with {@code overrides} written over it (masked). Without kubectl only this check is
   * skipped (the caller's golden comparison still runs).
   */
  void crossCheck(String dir, Map<String, String> overrides, String actual) throws Exception {
    crossCheck(dir, overrides, List.of(), actual);
  }

  /** {@link #crossCheck(String, Map, String)} on a copy without the files {@code removed} (e.g. ignored). */
  void crossCheck(String dir, Map<String, String> overrides, List<String> removed, String actual) throws Exception {
    if (!Tools.onPath("kubectl")) {
      System.out.println("kubectl not on PATH: cross-check of " + dir + " with kubectl kustomize skipped");
      return;
    }
    org.junit.jupiter.api.Assertions.assertEquals(oracle(dir, overrides, removed), actual,
        "differs from kubectl kustomize of the equivalent kustomization.yaml");
  }

  private String oracle(String dir, Map<String, String> overrides, List<String> removed) throws Exception {
    Path copy = tmp.resolve("oracle" + (++oracles));
    try (Stream<Path> paths = Files.walk(repo.dir())) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path rel = repo.dir().relativize(p);
        if (rel.toString().startsWith(".git")) {
          continue;
        }
        Path target = copy.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    for (String path : removed) {
      Files.delete(copy.resolve(path));
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      Path file = copy.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
    }
    return new SecretMasker(KEY).mask(Tools.kubectlKustomize(copy, dir));
  }

  @Override
  public void close() throws IOException {
    renderer.close();
    repo.close();
  }
}
