package dev.foresight.renderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.flux.Substitution;
import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on a repository built in code, with the real kubectl. */
class RendererTest {

  static final byte[] KEY = "renderer-test-key".getBytes(StandardCharsets.UTF_8);
  static final String SECRET_VALUE = "s3cr3t-value-1";

  @TempDir Path tmp;
  TestRepo repo;
  Renderer renderer;

  static String fluxKs(String name, String path, String cluster) {
    return "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: " + name
        + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: " + path + "\n  prune: true\n"
        + "  sourceRef:\n    kind: GitRepository\n    name: flux-system\n"
        + (cluster == null ? "" : "  postBuild:\n    substitute:\n      cluster_name: " + cluster + "\n");
  }

  static String profile(String cluster, String... extra) {
    return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- apps.yaml\n- infra.yaml\n"
        + String.join("", extra);
  }

  static Map<String, String> baseFiles(String secretValue) {
    return Map.of(
        "apps/base/kustomization.yaml", "resources:\n- config.yaml\n- secret.yaml\n",
        "apps/base/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n"
            + "  cluster: ${cluster_name}\n  region: ${region:=eu-west}\n  script: echo $${HOME}\n",
        "apps/base/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\n"
            + "stringData:\n  password: " + secretValue + "\n",
        "apps/overlays/eu/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: eu-\nnamespace: apps\n",
        "infra/kustomization.yaml", "resources:\n- ns.yaml\n",
        "infra/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n  labels:\n    raw: ${kept}\n",
        "profiles/eu/kustomization.yaml", profile("eu-1"),
        "profiles/eu/apps.yaml", fluxKs("apps", "./apps/overlays/eu", "eu-1"),
        "profiles/eu/infra.yaml", fluxKs("infra", "./infra", null));
  }

  @BeforeEach
  void setUp() throws Exception {
    Tools.assumeKubectl();
    repo = TestRepo.init(tmp.resolve("infra"));
    renderer = new Renderer(new RendererConfig(tmp.resolve("data"), KEY, Duration.ofSeconds(60)));
  }

  @AfterEach
  void tearDown() {
    if (renderer != null) {
      renderer.close();
    }
    if (repo != null) {
      repo.close();
    }
  }

  ChangeRequested change(String base, String head) {
    String url = repo.dir().toString();
    return ChangeRequested.newBuilder().setChangeId(ChangeIds.of(url, "refs/heads/master", base, head))
        .setRepo(url).setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(base).setHead(head)
        .setSource("test").setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  String firstCommit() throws Exception {
    return repo.write(baseFiles(SECRET_VALUE)).commit("eu only");
  }

  /** Adds profile us (overlay + substitute) and changes the secret. */
  String secondCommit() throws Exception {
    return repo.write(Map.of(
        "apps/base/secret.yaml", baseFiles("s3cr3t-value-2").get("apps/base/secret.yaml"),
        "apps/overlays/us/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: us-\n",
        "profiles/us/kustomization.yaml", "resources:\n- apps.yaml\n",
        "profiles/us/apps.yaml", fluxKs("apps", "./apps/overlays/us", "us-1"))).commit("add us");
  }

  static List<String> pairs(RenderPlan plan) {
    return plan.getPairs().stream().map(p -> p.getProfile() + ":" + p.getNamespace() + "/" + p.getKustomization()
        + "@" + p.getPath()).collect(Collectors.toList());
  }

  static RenderJob job(List<RenderJob> jobs, String profile, String ks) {
    return jobs.stream().filter(j -> j.getProfile().equals(profile) && j.getKustomization().equals(ks))
        .findFirst().orElseThrow(() -> new AssertionError("no job " + profile + "/" + ks + " in " + jobs));
  }

  @Test
  void plansTheUnionOfPairsOfBothSides() throws Exception {
    String base = firstCommit();
    String head = secondCommit();
    RenderPlan plan = renderer.plan(change(base, head));
    assertNull(plan.getError());
    assertEquals(List.of("eu:flux-system/apps@apps/overlays/eu", "eu:flux-system/infra@infra",
        "us:flux-system/apps@apps/overlays/us"), pairs(plan));
    // eu/infra reads nothing that changed: affected-only planning skips it, saying why
    assertEquals(List.of(PairAction.RENDER, PairAction.SKIP, PairAction.RENDER),
        plan.getPairs().stream().map(p -> p.getAction()).toList());
    assertTrue(plan.getPairs().get(1).getReason().startsWith("unchanged: no input of the build changed"),
        plan.getPairs().get(1).getReason());
    List<RenderJob> jobs = renderer.jobs(plan);
    assertEquals(2, jobs.size());
    assertEquals(plan.getChangeId(), jobs.get(0).getChangeId());
  }

  @Test
  void rendersLikeKubectlWithSubstitutionAndMaskedSecrets() throws Exception {
    String base = firstCommit();
    String head = secondCommit();
    List<RenderJob> jobs = renderer.jobs(renderer.plan(change(base, head)));

    RenderResult eu = renderer.render(job(jobs, "eu", "apps"));
    assertEquals(RenderStatus.OK, eu.getStatus(), eu.getError());
    assertEquals(RendererConfig.DEFAULT_ENGINE.toString(), eu.getEngine(), "the default engine renders");
    String kubectl = Tools.kubectlKustomize(repo.dir(), "apps/overlays/eu");
    String expected = new SecretMasker(KEY).mask(Substitution.apply(kubectl, Map.of("cluster_name", "eu-1")).text());
    assertEquals(expected, eu.getHead().getContent());
    assertEquals("apps/overlays/eu", eu.getHead().getPath());
    assertEquals(2, eu.getHead().getObjects());
    String content = eu.getHead().getContent();
    assertTrue(content.contains("cluster: eu-1") && content.contains("region: eu-west"), content);
    assertTrue(content.contains("echo ${HOME}"), content);
    assertTrue(content.contains("password: masked:"), content);
    assertFalse(content.contains("s3cr3t"), content);
    assertFalse(eu.getBase().getContent().contains("s3cr3t"), eu.getBase().getContent());
    assertFalse(eu.getBase().getContent().equals(content), "the secret changed: its token must change");

    RenderJob infraJob = RenderJob.newBuilder(jobs.get(0)).setProfile("eu").setKustomization("infra").build();
    RenderResult infra = renderer.render(infraJob);
    assertEquals(infra.getBase(), infra.getHead(), "a pair planned as SKIP renders the same on both sides");
    assertEquals(RenderStatus.OK, infra.getStatus(), infra.getError());
    assertEquals(Tools.kubectlKustomize(repo.dir(), "infra"), infra.getHead().getContent(),
        "no postBuild: nothing substituted");

    RenderResult us = renderer.render(job(jobs, "us", "apps"));
    assertEquals(RenderStatus.OK, us.getStatus(), us.getError());
    assertNull(us.getBase(), "profile us does not exist at base");
    assertNotNull(us.getHead());
    assertTrue(us.getHead().getContent().contains("cluster: us-1"), us.getHead().getContent());
  }

  @Test
  void brokenKustomizationIsAnErrorNamingTheFile() throws Exception {
    String base = firstCommit();
    String head = repo.write("apps/overlays/eu/kustomization.yaml", "resources:\n- ../../base\n  namePrefix: [eu-\n")
        .write("profiles/eu/ghost.yaml", fluxKs("ghost", "./nowhere", null))
        .write("profiles/eu/kustomization.yaml", profile("eu-1", "- ghost.yaml\n"))
        .write("profiles/bad/kustomization.yaml", "resources:\n- absent.yaml\n")
        .commit("break things");
    RenderPlan plan = renderer.plan(change(base, head));
    assertNull(plan.getError());
    List<String> pairs = pairs(plan);
    assertEquals(List.of("bad:/(profile)@profiles/bad", "eu:flux-system/apps@apps/overlays/eu",
        "eu:flux-system/ghost@nowhere", "eu:flux-system/infra@infra"), pairs);
    PlannedPair bad = plan.getPairs().get(0);
    assertTrue(bad.getReason().contains("profiles/bad") && bad.getReason().contains("absent.yaml"), bad.getReason());
    List<RenderJob> jobs = renderer.jobs(plan);

    RenderResult apps = renderer.render(job(jobs, "eu", "apps"));
    assertEquals(RenderStatus.ERROR, apps.getStatus());
    assertTrue(apps.getError().startsWith("head ("), apps.getError());
    assertTrue(apps.getError().contains("apps/overlays/eu/kustomization.yaml"), "names the broken file: "
        + apps.getError());
    assertTrue(apps.getError().contains("flux-system/apps") && apps.getError().contains("profile eu"), apps.getError());
    assertFalse(apps.getError().contains(tmp.toString()), "temp paths leak: " + apps.getError());
    assertNotNull(apps.getBase(), "base still renders");

    RenderResult ghost = renderer.render(job(jobs, "eu", "ghost"));
    assertEquals(RenderStatus.ERROR, ghost.getStatus());
    assertTrue(ghost.getError().contains("flux-system/ghost") && ghost.getError().contains("'./nowhere' does not exist"),
        ghost.getError());

    RenderResult profile = renderer.render(job(jobs, "bad", Renderer.PROFILE_PAIR));
    assertEquals(RenderStatus.ERROR, profile.getStatus());
    assertTrue(profile.getError().contains("absent.yaml"), profile.getError());
  }

  @Test
  void planningErrorsComeBackInThePlan() throws Exception {
    String noProfiles = repo.write("README.md", "hello\n").commit("nothing");
    RenderPlan plan = renderer.plan(change(ChangeIds.ZERO_SHA, noProfiles));
    assertTrue(plan.getError().contains("no profiles at base"), plan.getError());
    assertEquals(List.of(), plan.getPairs());

    RenderPlan missing = renderer.plan(change(noProfiles, "abcdef1" + "0".repeat(33)));
    assertTrue(missing.getError().contains("commit abcdef1 not found"), missing.getError());
    assertEquals(List.of(), missing.getPairs());
  }

  @Test
  void plansProfilesUnderProfilesAndUnderClustersAndStopsWhenANameIsInBoth() throws Exception {
    String base = firstCommit();
    String head = repo.write("clusters/prod/kustomization.yaml", "resources:\n- infra.yaml\n")
        .write("clusters/prod/infra.yaml", fluxKs("infra", "./infra", null)).commit("a cluster too");
    RenderPlan plan = renderer.plan(change(base, head));
    assertNull(plan.getError());
    assertEquals(List.of("eu:flux-system/apps@apps/overlays/eu", "eu:flux-system/infra@infra",
        "prod:flux-system/infra@infra"), pairs(plan));
    RenderResult prod = renderer.render(job(renderer.jobs(plan), "prod", "infra"));
    assertEquals(RenderStatus.OK, prod.getStatus(), prod.getError());
    assertNull(prod.getBase(), "clusters/prod is new at head");
    assertEquals(Tools.kubectlKustomize(repo.dir(), "infra"), prod.getHead().getContent());

    String clash = repo.write("clusters/eu/kustomization.yaml", "resources:\n- infra.yaml\n")
        .write("clusters/eu/infra.yaml", fluxKs("infra", "./infra", null)).commit("eu twice");
    RenderPlan stopped = renderer.plan(change(head, clash));
    assertTrue(stopped.getError().contains("profile 'eu' is both profiles/eu and clusters/eu")
        && stopped.getError().contains("profiles: in foresight.yaml") && stopped.getError().contains("(at head"),
        stopped.getError());
    assertEquals(List.of(), stopped.getPairs());
  }

  /** Plans {@code change} and renders each of its jobs; durations and cache hits zeroed (they vary). */
  static List<RenderResult> renderAll(Renderer renderer, ChangeRequested change) {
    RenderPlan plan = renderer.plan(change);
    assertNull(plan.getError());
    return renderer.jobs(plan).stream().map(renderer::render)
        .map(r -> RenderResult.newBuilder(r).setDurationMs(0).setCacheHits(0).build()).toList();
  }

  @Test
  void rendersDifferentChangesFromSeveralThreadsAsItDoesOneAtATime() throws Exception {
    String c1 = firstCommit();
    assertNull(renderer.plan(change(ChangeIds.ZERO_SHA, c1)).getError(), "clones the mirror");
    String c2 = secondCommit();
    String c3 = repo.write("apps/base/config.yaml", baseFiles(SECRET_VALUE).get("apps/base/config.yaml")
        .replace("eu-west", "eu-central")).commit("region");
    String c4 = repo.write("infra/ns.yaml", baseFiles(SECRET_VALUE).get("infra/ns.yaml").replace("raw:", "kept:"))
        .commit("label");
    String c5 = repo.write("apps/overlays/eu/kustomization.yaml", "resources:\n- ../../base\nnamePrefix: emea-\n"
        + "namespace: apps\n").commit("prefix");
    List<ChangeRequested> changes = List.of(change(c1, c2), change(c2, c3), change(c3, c4), change(c4, c5),
        change(c1, c5), change(ChangeIds.ZERO_SHA, c3));

    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(changes.size());
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(changes.size());
    List<List<RenderResult>> concurrent = new java.util.ArrayList<>();
    try {
      List<java.util.concurrent.Future<List<RenderResult>>> futures = new java.util.ArrayList<>();
      for (ChangeRequested change : changes) {
        futures.add(pool.submit(() -> {
          start.await();
          return renderAll(renderer, change);
        }));
      }
      for (java.util.concurrent.Future<List<RenderResult>> future : futures) {
        concurrent.add(future.get(300, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    try (Renderer alone = new Renderer(new RendererConfig(tmp.resolve("data-alone"), KEY, Duration.ofSeconds(60)))) {
      for (int i = 0; i < changes.size(); i++) {
        List<RenderResult> expected = renderAll(alone, changes.get(i));
        assertFalse(expected.isEmpty(), "change " + i + " renders something");
        assertTrue(expected.stream().allMatch(r -> r.getStatus() == RenderStatus.OK), expected.toString());
        assertEquals(expected, concurrent.get(i), "change " + i);
      }
    }
    assertTrue(concurrent.get(2).stream().anyMatch(r -> r.getKustomization().equals("infra")
        && r.getHead().getContent().contains("kept: ${kept}")), "c3..c4 renders the label change");
  }

  @Test
  void newBranchComparesAgainstTheEmptyTree() throws Exception {
    String head = firstCommit();
    List<RenderJob> jobs = renderer.jobs(renderer.plan(change(ChangeIds.ZERO_SHA, head)));
    assertEquals(2, jobs.size());
    RenderResult result = renderer.render(job(jobs, "eu", "apps"));
    assertEquals(RenderStatus.OK, result.getStatus(), result.getError());
    assertNull(result.getBase());
    assertNotNull(result.getHead());
  }
}
