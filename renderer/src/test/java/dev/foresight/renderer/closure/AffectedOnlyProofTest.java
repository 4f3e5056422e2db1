package dev.foresight.renderer.closure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.Tools;
import dev.foresight.renderer.git.ChangedPaths;
import dev.foresight.renderer.git.GitFileTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The correctness proof of affected-only planning: over the whole first-parent history of a
 * generated GitOps repository, every profile x Flux Kustomization is rendered with {@code kubectl
 * kustomize} at both sides of every transition, and wherever the outputs differ {@link
 * AffectedPairs} must have said "affected". Also proves {@link AffectedPairs#profileUnchanged}.
 */
class AffectedOnlyProofTest {

  private static final int COMMITS = Integer.getInteger("foresight.proof.commits", 40);
  private static final String FLUX_API = "kustomize.toolkit.fluxcd.io/";

  @TempDir Path tmp;

  /** One Flux Kustomization as a profile rendered it at one commit. */
  private record Flux(String spec, String path, List<String> components) {}

  /** One commit: its tree, profile outputs and Flux Kustomizations (profile/ns/name → object). */
  private record Snapshot(RevCommit commit, GitFileTree tree, Path checkout, Map<String, String> profiles,
      Map<String, Flux> pairs) {}

  private final Map<String, String> renders = new ConcurrentHashMap<>();

  @Test
  void noDifferenceIsEverMissed() throws Exception {
    String shared = System.getProperty("foresight.shared");
    assumeTrue(shared != null && Files.isRegularFile(Path.of(shared, "fixtures/gitops-repo-gen.py")),
        "foresight.shared (" + shared + ") has no fixtures/gitops-repo-gen.py: skipping the affected-only proof");
    assumeTrue(Tools.onPath("python3") && Tools.onPath("git") && Tools.onPath("tar"),
        "python3, git or tar not on PATH: skipping the affected-only proof");
    Tools.assumeKubectl();
    long started = System.nanoTime();
    Process gen = new ProcessBuilder("python3", Path.of(shared, "fixtures/gitops-repo-gen.py").toString(),
        tmp.resolve("fx").toString(), "--commits", String.valueOf(COMMITS)).redirectErrorStream(true).start();
    String genOut = new String(gen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(gen.waitFor(120, TimeUnit.SECONDS) && gen.exitValue() == 0, "fixture generator failed: " + genOut);
    Path work = tmp.resolve("fx/infra");

    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors() + 1));
    try (Repository repo = new FileRepositoryBuilder().setGitDir(work.resolve(".git").toFile()).setMustExist(true).build()) {
      List<RevCommit> history = firstParentHistory(repo);
      assertTrue(history.size() >= 26, "need at least 25 transitions, the fixture has " + history.size() + " commits");

      // 1. every profile at every commit (rendered once per tree)
      List<Snapshot> snapshots = new ArrayList<>();
      for (RevCommit commit : history) {
        GitFileTree tree = new GitFileTree(repo, commit.getTree().getId(), commit.name());
        Path checkout = checkout(work, commit);
        Map<String, String> profiles = new TreeMap<>();
        for (String p : tree.list("profiles")) {
          if (tree.isDirectory("profiles/" + p)) {
            profiles.put(p, "profiles/" + p);
          }
        }
        snapshots.add(new Snapshot(commit, tree, checkout, profiles, new TreeMap<>()));
      }
      renderAll(pool, snapshots, s -> s.profiles().values());
      for (Snapshot s : snapshots) {
        for (Map.Entry<String, String> p : s.profiles().entrySet()) {
          s.pairs().putAll(fluxObjects(p.getKey(), render(s, p.getValue())));
        }
      }
      // 2. every Flux Kustomization's path at every commit
      renderAll(pool, snapshots, s -> s.pairs().values().stream().map(Flux::path).toList());

      // 3. every transition: decide without rendering, then check against the renders
      int transitions = 0;
      int pairs = 0;
      int skipped = 0;
      int differing = 0;
      int caughtByClosure = 0;
      int profileChecks = 0;
      int profilesReused = 0;
      List<String> missed = new ArrayList<>();
      for (int i = 1; i < snapshots.size(); i++) {
        Snapshot base = snapshots.get(i - 1);
        Snapshot head = snapshots.get(i);
        transitions++;
        Set<String> changed = ChangedPaths.between(repo, base.commit().name(), head.commit().name());

        TreeSet<String> profiles = new TreeSet<>(base.profiles().keySet());
        profiles.addAll(head.profiles().keySet());
        for (String p : profiles) {
          if (!base.profiles().containsKey(p) || !head.profiles().containsKey(p)) {
            continue;
          }
          profileChecks++;
          String entry = "profiles/" + p;
          boolean unchanged = AffectedPairs.profileUnchanged(ClosureCollector.collect(base.tree(), entry),
              ClosureCollector.collect(head.tree(), entry), changed);
          if (unchanged) {
            profilesReused++;
            assertEquals(render(base, entry), render(head, entry), "profile " + p + " said unchanged but renders differ, "
                + base.commit().name() + ".." + head.commit().name() + " changed " + changed);
          }
        }

        TreeSet<String> keys = new TreeSet<>(base.pairs().keySet());
        keys.addAll(head.pairs().keySet());
        for (String key : keys) {
          pairs++;
          Flux b = base.pairs().get(key);
          Flux h = head.pairs().get(key);
          AffectedPairs.Decision decision = AffectedPairs.decide(side(base, b), side(head, h), changed);
          String outB = b == null ? null : render(base, b.path());
          String outH = h == null ? null : render(head, h.path());
          boolean differs = b == null || h == null || !b.spec().equals(h.spec()) || !outB.equals(outH);
          if (differs) {
            differing++;
            if (b != null && h != null && b.spec().equals(h.spec())) {
              caughtByClosure++;
            }
          }
          if (!decision.affected()) {
            skipped++;
            if (differs) {
              missed.add(key + " at " + base.commit().getShortMessage() + " (" + base.commit().name() + ".."
                  + head.commit().name() + "), changed " + changed + ": " + decision.reason());
            }
          }
        }
      }
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      System.out.printf("affected-only proof: %d transitions, %d pairs, %d skipped, %d rendered, %d differing"
              + " (%d with an equal Flux object, caught by closures), profiles reused %d of %d, %d kubectl renders, %d s%n",
          transitions, pairs, skipped, pairs - skipped, differing, caughtByClosure, profilesReused, profileChecks,
          renders.size(), seconds);
      assertEquals(List.of(), missed, "differences that affected-only planning would have missed");
      assertTrue(transitions >= 25, "transitions: " + transitions);
      assertTrue(skipped > 0, "no pair was ever skipped: the optimisation does nothing");
      assertTrue(caughtByClosure > 0, "no difference depended on the closure check: the proof proves nothing");
    } finally {
      pool.shutdownNow();
    }
  }

  private static AffectedPairs.Side side(Snapshot s, Flux flux) {
    if (flux == null) {
      return null;
    }
    return new AffectedPairs.Side(flux.spec(), ClosureCollector.collect(s.tree(), flux.path(), flux.components()),
        Map.of());
  }

  private static List<RevCommit> firstParentHistory(Repository repo) throws Exception {
    List<RevCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(repo.resolve("refs/heads/master")));
      for (RevCommit c : walk) {
        commits.add(c);
      }
    }
    Collections.reverse(commits);
    return commits;
  }

  /** A materialised checkout of {@code commit} (git archive), one per tree. */
  private Path checkout(Path work, RevCommit commit) throws Exception {
    Path dir = tmp.resolve("trees").resolve(commit.getTree().getId().name());
    if (Files.isDirectory(dir)) {
      return dir;
    }
    Files.createDirectories(dir);
    Process p = new ProcessBuilder("bash", "-c", "git -C \"$1\" archive --format=tar \"$2\" | tar -x -C \"$3\"", "archive",
        work.toString(), commit.name(), dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "git archive failed: " + out);
    return dir;
  }

  private interface Paths {
    java.util.Collection<String> of(Snapshot s);
  }

  private void renderAll(ExecutorService pool, List<Snapshot> snapshots, Paths paths) throws Exception {
    List<Future<?>> futures = new ArrayList<>();
    Set<String> queued = new TreeSet<>();
    for (Snapshot s : snapshots) {
      for (String path : paths.of(s)) {
        if (queued.add(renderKey(s, path))) {
          futures.add(pool.submit(() -> {
            render(s, path);
            return null;
          }));
        }
      }
    }
    for (Future<?> f : futures) {
      f.get();
    }
  }

  private static String renderKey(Snapshot s, String path) {
    return s.commit().getTree().getId().name() + ":" + path;
  }

  /** {@code kubectl kustomize path} at the snapshot; a failure is an output too ("ERROR: ..."). */
  private String render(Snapshot s, String path) {
    String key = renderKey(s, path);
    String cached = renders.get(key);
    if (cached != null) {
      return cached;
    }
    String out;
    try {
      Process p = new ProcessBuilder("kubectl", "kustomize", path).directory(s.checkout().toFile()).start();
      byte[] stdout = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + path + " timed out");
      out = p.exitValue() == 0 ? new String(stdout, StandardCharsets.UTF_8)
          : "ERROR: " + err.replace(s.checkout().toString(), "<root>");
    } catch (java.io.IOException | InterruptedException e) {
      throw new AssertionError("cannot run kubectl kustomize " + path, e);
    }
    renders.put(key, out);
    return out;
  }

  /** The Flux Kustomizations of a rendered profile, keyed {@code profile/namespace/name}. */
  private static Map<String, Flux> fluxObjects(String profile, String rendered) {
    Map<String, Flux> out = new LinkedHashMap<>();
    if (rendered.startsWith("ERROR: ")) {
      return out;
    }
    for (String doc : rendered.split("(?m)^---\\s*$")) {
      if (doc.isBlank() || !(new Load(LoadSettings.builder().build()).loadFromString(doc) instanceof Map<?, ?> object)) {
        continue;
      }
      if (!"Kustomization".equals(object.get("kind")) || !(object.get("apiVersion") instanceof String api)
          || !api.startsWith(FLUX_API) || !(object.get("spec") instanceof Map<?, ?> spec)
          || !(spec.get("path") instanceof String path)) {
        continue;
      }
      Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
      List<String> components = new ArrayList<>();
      if (spec.get("components") instanceof List<?> list) {
        list.forEach(c -> components.add(String.valueOf(c)));
      }
      out.put(profile + "/" + metadata.get("namespace") + "/" + metadata.get("name"),
          new Flux(doc.strip(), path, components));
    }
    return out;
  }
}
