package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeKind;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links committed to a GitOps repository (git mode 120000), rendered from the git objects
 * as Flux renders the GitRepository artifact (which leaves links out): a link out of the repository
 * is an error naming the link, its target and that it points out of the repository, and nothing
 * outside is read, whatever the load restrictor; a link inside says Flux cannot read it either.
 */
class GitSymlinkTest {

  @TempDir Path tmp;

  @Test
  void aLinkIsAnErrorNamingItAndOutOfTheRepositoryIsSaid() throws Exception {
    Path outside = tmp.resolve("outside.yaml");
    Files.writeString(outside, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: host, namespace: apps}\n"
        + "data: {leaked: from-the-renderer-host}\n");
    String head;
    try (TestRepo repo = TestRepo.init(tmp.resolve("repo"))) {
      Map<String, String> files = new HashMap<>();
      files.put("profiles/p/kustomization.yaml", entry("out.yaml", "in.yaml", "web.yaml"));
      files.put("profiles/p/out.yaml", ks("out", "./apps/out"));
      files.put("profiles/p/in.yaml", ks("in", "./apps/in"));
      files.put("profiles/p/web.yaml", ks("web", "./apps/web"));
      files.put("apps/out/kustomization.yaml", "resources:\n- host.yaml\n");
      files.put("apps/in/kustomization.yaml", "resources:\n- shared/cm.yaml\n");
      files.put("apps/web/kustomization.yaml", "resources:\n- cm.yaml\n");
      files.put("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: apps}\n");
      files.put("common/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: common, namespace: apps}\n");
      repo.write(files);
      Files.createSymbolicLink(repo.dir().resolve("apps/out/host.yaml"), Path.of("../../../outside.yaml"));
      Files.createSymbolicLink(repo.dir().resolve("apps/in/shared"), Path.of("../../common"));
      head = repo.commit("links");
    }
    try (Repository git = new FileRepositoryBuilder().setGitDir(tmp.resolve("repo/.git").toFile()).build();
        RevWalk commits = new RevWalk(git)) {
      TreeWalk walk = TreeWalk.forPath(git, "apps/out/host.yaml", commits.parseCommit(git.resolve(head)).getTree());
      assertEquals(FileMode.SYMLINK, walk.getFileMode(0), "the test commits a real symbolic link");
    }
    try (Renderer renderer = new Renderer(new RendererConfig(tmp.resolve("data"), FluxHarness.KEY,
        Duration.ofSeconds(60)).withEngine(EngineChoice.NATIVE))) {
      RenderResult out = render(renderer, head, "out");
      assertEquals(RenderStatus.ERROR, out.getStatus());
      assertTrue(out.getError().contains("'apps/out/host.yaml' is a symbolic link to '../../../outside.yaml', which"
          + " points out of the repository"), out.getError());
      assertFalse(out.getError().contains("from-the-renderer-host"), out.getError());
      RenderResult in = render(renderer, head, "in");
      assertEquals(RenderStatus.ERROR, in.getStatus());
      assertTrue(in.getError().contains("'apps/in/shared' is a symbolic link (to '../../common', i.e. 'common');"
          + " Flux's source-controller leaves symbolic links out of a GitRepository artifact"), in.getError());
      RenderResult web = render(renderer, head, "web");
      assertEquals(RenderStatus.OK, web.getStatus(), web.getError());
    }
  }

  private RenderResult render(Renderer renderer, String head, String ks) {
    String repo = tmp.resolve("repo").toString();
    ChangeRequested change = ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo, "refs/heads/master", ChangeIds.ZERO_SHA, head)).setRepo(repo)
        .setKind(ChangeKind.PUSH).setRef("refs/heads/master").setBase(ChangeIds.ZERO_SHA).setHead(head)
        .setSource("test").setRequestedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    var plan = renderer.plan(change);
    assertNull(plan.getError(), plan.getError());
    RenderJob job = renderer.jobs(plan).stream().filter(j -> j.getKustomization().equals(ks)).findFirst()
        .orElseThrow(() -> new AssertionError("no job " + ks));
    return renderer.render(job);
  }
}
