package dev.foresight.app.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.KustomizationReport;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.ProfileReport;
import dev.foresight.schema.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Affected-only reports against full re-renders ({@link AffectedVsFull}) over a history built in
 * code with JGit, step by step, for the inputs the generated history never changes: a rename that
 * changes an overlay, a file moved out of a directory Flux generates a kustomization for, a
 * substituteFrom ConfigMap in another directory than its Flux Kustomization, a parent Flux
 * Kustomization's patch of its child, a file added to a path without kustomization.yaml, a file of
 * a {@code spec.components} component, and files no Flux Kustomization reads (every pair SKIP,
 * identical reports). Each step also states which pairs the full re-render finds changed, so a
 * step that stopped changing anything (and could hide nothing) fails too.
 */
class AffectedOnlyHandBuiltHistoryTest {

  @TempDir Path tmp;

  private Path dir;
  private Git git;
  private AffectedVsFull both;
  private String previous;

  @BeforeEach
  void repository() throws Exception {
    dir = tmp.resolve("repo");
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call();
    both = new AffectedVsFull(tmp.resolve("data"));
  }

  @AfterEach
  void close() {
    both.close();
    git.close();
  }

  @Test
  void everyStepReportsWhatAFullReRenderReports() throws Exception {
    long started = System.nanoTime();
    write(Map.ofEntries(
        Map.entry("profiles/alpha/kustomization.yaml", entry("apps.yaml", "platform.yaml", "plain.yaml", "tools.yaml")),
        Map.entry("profiles/alpha/apps.yaml", flux("apps", "./apps/overlays/alpha", """
            postBuild:
              substituteFrom:
              - kind: ConfigMap
                name: cluster-vars
            """)),
        Map.entry("profiles/alpha/platform.yaml", flux("platform", "./platform", parentPatch("hello"))),
        Map.entry("profiles/alpha/plain.yaml", flux("plain", "./plain", "")),
        Map.entry("profiles/alpha/tools.yaml", flux("tools", "./tools", "components:\n- ../components/audit\n")),
        Map.entry("profiles/beta/kustomization.yaml", entry("apps.yaml", "plain.yaml", "tools.yaml")),
        Map.entry("profiles/beta/apps.yaml", flux("apps", "./apps/overlays/beta", """
            postBuild:
              substitute:
                CLUSTER: beta
            """)),
        Map.entry("profiles/beta/plain.yaml", flux("plain", "./plain", "")),
        Map.entry("profiles/beta/tools.yaml", flux("tools", "./tools", "components:\n- ../components/audit\n")),
        // the substituteFrom source of alpha/apps: found in the repository, far from ./apps/overlays/alpha
        Map.entry("settings/cluster-vars.yaml", configMap("cluster-vars", "flux-system", "CLUSTER: alpha-1")),
        Map.entry("apps/base/web/kustomization.yaml", "resources:\n- cm.yaml\n"),
        Map.entry("apps/base/web/cm.yaml", configMap("web", null, "cluster: ${CLUSTER}", "mode: default")),
        Map.entry("apps/overlays/alpha/kustomization.yaml", "resources:\n- ../../base/web\npatches:\n- path: tuning.yaml\n"),
        Map.entry("apps/overlays/alpha/tuning.yaml", configMap("web", null, "mode: slow")),
        Map.entry("apps/overlays/beta/kustomization.yaml", "resources:\n- ../../base/web\n"),
        Map.entry("platform/kustomization.yaml", "resources:\n- child.yaml\n"),
        Map.entry("platform/child.yaml", flux("child", "./child", "")),
        Map.entry("child/kustomization.yaml", "resources:\n- cm.yaml\n"),
        Map.entry("child/cm.yaml", configMap("child", null, "greeting: ${GREETING}")),
        // no kustomization.yaml: Flux generates one from every YAML file below ./plain
        Map.entry("plain/a.yaml", configMap("plain-a", null, "n: \"1\"")),
        Map.entry("plain/b.yaml", configMap("plain-b", null, "n: \"2\"")),
        Map.entry("tools/kustomization.yaml", "resources:\n- cm.yaml\n"),
        Map.entry("tools/cm.yaml", configMap("tools", null, "x: y")),
        Map.entry("components/audit/kustomization.yaml", component("v1")),
        Map.entry("docs/notes.md", "# notes\n"),
        Map.entry("unused/other.yaml", configMap("other", "flux-system", "CLUSTER: nowhere"))));
    previous = commit("initial layout");

    step("substituteFrom ConfigMap changes in settings/", List.of("alpha/flux-system/apps"), () ->
        write("settings/cluster-vars.yaml", configMap("cluster-vars", "flux-system", "CLUSTER: alpha-2")));
    step("the parent's patch of its child changes", List.of("alpha/flux-system/child", "alpha/flux-system/platform"),
        () -> write("profiles/alpha/platform.yaml", flux("platform", "./platform", parentPatch("hi"))));
    step("a file is added to a path without kustomization.yaml", List.of("alpha/flux-system/plain",
        "beta/flux-system/plain"), () -> write("plain/c.yaml", configMap("plain-c", null, "n: \"3\"")));
    step("a file of a spec.components component changes", List.of("alpha/flux-system/tools", "beta/flux-system/tools"),
        () -> write("components/audit/kustomization.yaml", component("v2")));
    step("files no Flux Kustomization reads change", List.of(), () -> {
      write("docs/notes.md", "# notes\n\nmore\n");
      write("unused/other.yaml", configMap("other", "flux-system", "CLUSTER: elsewhere"));
    });
    step("the overlay's kustomization.yaml is renamed to .yml and changed", List.of("alpha/flux-system/apps"), () -> {
      delete("apps/overlays/alpha/kustomization.yaml");
      write("apps/overlays/alpha/kustomization.yml",
          "resources:\n- ../../base/web\npatches:\n- path: tuning.yaml\nnamePrefix: alpha-\n");
    });
    step("a file is renamed out of a path without kustomization.yaml", List.of("alpha/flux-system/plain",
        "beta/flux-system/plain"), () -> {
      delete("plain/b.yaml");
      write("archive/b.yaml", configMap("plain-b", null, "n: \"2\""));
    });
    System.out.println(both.summary("affected-only vs full re-render over the hand-built history",
        (System.nanoTime() - started) / 1_000_000));
    assertEquals(List.of(), both.differences(), "affected-only reports differ from full re-renders");
    assertTrue(both.skipped() > 0, "affected-only planning skipped nothing");
    assertTrue(both.cacheHits() > 0, "the render cache was never used");
  }

  private interface Edit {
    void apply() throws IOException;
  }

  /** Commits {@code edit} and compares its change with the previous commit both ways. */
  private void step(String what, List<String> changedPairs, Edit edit) throws Exception {
    edit.apply();
    String head = commit(what);
    AffectedVsFull.Compared compared = both.compare(what, change(previous, head));
    previous = head;
    assertEquals(changedPairs, changed(compared.full().report()), what + ": the pairs a full re-render finds changed");
    if (changedPairs.isEmpty()) {
      List<PlannedPair> rendered = compared.affected().plan().getPairs().stream()
          .filter(p -> p.getAction() != PairAction.SKIP).toList();
      assertEquals(List.of(), rendered, what + ": every pair is skipped");
    }
  }

  private static List<String> changed(Report report) {
    TreeSet<String> out = new TreeSet<>();
    for (ProfileReport profile : report.getProfiles()) {
      for (KustomizationReport ks : profile.getKustomizations()) {
        if (!ks.getObjects().isEmpty() || ks.getError() != null) {
          out.add(profile.getName() + "/" + ks.getNamespace() + "/" + ks.getName());
        }
      }
    }
    return new ArrayList<>(out);
  }

  private ChangeRequested change(String base, String head) {
    String repo = dir.toString();
    return ChangeRequested.newBuilder().setChangeId(ChangeIds.of(repo, "refs/heads/master", base, head))
        .setRepo(repo).setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(base).setHead(head)
        .setSource("test").setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
  }

  private void write(Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      write(file.getKey(), file.getValue());
    }
  }

  private void write(String path, String text) throws IOException {
    Path file = dir.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private void delete(String path) throws IOException {
    Files.delete(dir.resolve(path));
  }

  private String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Test", "test@example.com");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
  }

  private static String entry(String... files) {
    StringBuilder out = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        + "resources:\n");
    for (String file : files) {
      out.append("- ").append(file).append('\n');
    }
    return out.toString();
  }

  private static String flux(String name, String path, String spec) {
    StringBuilder out = new StringBuilder("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\n"
        + "metadata:\n  name: " + name + "\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: " + path
        + "\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n");
    for (String line : spec.split("\n")) {
      if (!line.isEmpty()) {
        out.append("  ").append(line).append('\n');
      }
    }
    return out.toString();
  }

  /** The parent's spec.patches: sets its child's GREETING variable. */
  private static String parentPatch(String greeting) {
    return """
        patches:
        - target:
            group: kustomize.toolkit.fluxcd.io
            kind: Kustomization
            name: child
          patch: |
            - op: add
              path: /spec/postBuild
              value:
                substitute:
                  GREETING: %s
        """.formatted(greeting);
  }

  private static String component(String audit) {
    return """
        apiVersion: kustomize.config.k8s.io/v1alpha1
        kind: Component
        patches:
        - target:
            kind: ConfigMap
          patch: |-
            - op: add
              path: /metadata/labels
              value:
                audit: %s
        """.formatted(audit);
  }

  private static String configMap(String name, String namespace, String... data) {
    StringBuilder out = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\n");
    if (namespace != null) {
      out.append("  namespace: ").append(namespace).append('\n');
    }
    out.append("data:\n");
    for (String d : data) {
      out.append("  ").append(d).append('\n');
    }
    return out.toString();
  }
}
