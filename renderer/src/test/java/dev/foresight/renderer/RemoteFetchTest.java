package dev.foresight.renderer;

import static dev.foresight.renderer.FluxHarness.entry;
import static dev.foresight.renderer.FluxHarness.ks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.foresight.renderer.engine.EngineChoice;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing a pull request names is fetched (issue 12): a kustomization listing
 * {@code http://127.0.0.1:<port>/x.yaml} (a real HTTP server in the test) is refused, through the
 * native engine (whose fallback is kubectl) and the exec engine, while the profile's other Flux
 * Kustomizations render; the server sees no request. Only an allow-list on the base revision
 * makes it fetched; the head's own foresight.yaml does not.
 */
class RemoteFetchTest {

  @TempDir Path tmp;
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private String origin;
  private TestRepo repo;

  @BeforeEach
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().toString());
      byte[] body = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\n  namespace: apps\n"
          + "data:\n  internal: secret-of-the-intranet\n").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    origin = "http://127.0.0.1:" + server.getAddress().getPort();
    repo = TestRepo.init(tmp.resolve("repo"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    repo.close();
  }

  private Map<String, String> files(String remoteKustomization) {
    Map<String, String> files = new HashMap<>();
    files.put("profiles/p/kustomization.yaml", entry("web.yaml", "remote.yaml"));
    files.put("profiles/p/web.yaml", ks("web", "./apps/web"));
    files.put("profiles/p/remote.yaml", ks("remote", "./apps/remote"));
    files.put("apps/web/kustomization.yaml", "resources:\n- cm.yaml\n");
    files.put("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  namespace: apps\n"
        + "data:\n  a: b\n");
    files.put("apps/remote/kustomization.yaml", remoteKustomization);
    files.put("apps/remote/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n  namespace: apps\n");
    files.put("apps/remote/base/kustomization.yaml", "resources:\n- " + origin + "/x.yaml\n");
    files.put("apps/remote/patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: local\n"
        + "  namespace: apps\ndata:\n  p: q\n");
    return files;
  }

  private Renderer renderer(EngineChoice engine) throws java.io.IOException {
    return new Renderer(new RendererConfig(tmp.resolve("data-" + engine), FluxHarness.KEY, Duration.ofSeconds(60))
        .withEngine(engine));
  }

  private RenderResult render(Renderer renderer, String base, String head, String ks) {
    var change = dev.foresight.schema.ChangeRequested.newBuilder()
        .setChangeId(ChangeIds.of(repo.dir().toString(), "refs/heads/master", base, head)).setRepo(repo.dir().toString())
        .setKind(dev.foresight.schema.ChangeKind.PUSH).setRef("refs/heads/master").setBase(base).setHead(head)
        .setSource("test").setRequestedAt(java.time.Instant.parse("2026-01-01T00:00:00Z")).build();
    var plan = renderer.plan(change);
    assertNull(plan.getError(), plan.getError());
    RenderJob job = renderer.jobs(plan).stream().filter(j -> j.getKustomization().equals(ks)).findFirst()
        .orElseThrow(() -> new AssertionError("no job " + ks));
    return renderer.render(job);
  }

  @ParameterizedTest
  @EnumSource(value = EngineChoice.class, names = {"NATIVE", "EXEC"})
  void aRemoteResourceIsNotFetchedByDefault(EngineChoice engine) throws Exception {
    if (engine == EngineChoice.EXEC) {
      Tools.assumeKubectl();
    }
    String head = repo.write(files("resources:\n- cm.yaml\n- " + origin + "/x.yaml\n")).commit("remote resource");
    try (Renderer renderer = renderer(engine)) {
      RenderResult remote = render(renderer, ChangeIds.ZERO_SHA, head, "remote");
      assertEquals(RenderStatus.ERROR, remote.getStatus());
      assertTrue(remote.getError().contains("remote resource not fetched: " + origin + "/x.yaml (see report.remote)"),
          remote.getError());
      assertTrue(remote.getError().contains("apps/remote/kustomization.yaml resources"), remote.getError());
      RenderResult web = render(renderer, ChangeIds.ZERO_SHA, head, "web");
      assertEquals(RenderStatus.OK, web.getStatus(), web.getError());
      assertTrue(web.getHead().getContent().contains("name: web"));
    }
    assertEquals(List.of(), requests, "the server must receive no request");
  }

  @ParameterizedTest
  @EnumSource(value = EngineChoice.class, names = {"NATIVE", "EXEC"})
  void everyFieldOfTheClosureIsScanned(EngineChoice engine) throws Exception {
    if (engine == EngineChoice.EXEC) {
      Tools.assumeKubectl();
    }
    Map<String, String> kustomizations = Map.of(
        "nested base", "resources:\n- cm.yaml\n- base\n",
        "patch path", "resources:\n- cm.yaml\npatches:\n- path: " + origin + "/p.yaml\n",
        "strategic merge", "resources:\n- cm.yaml\npatchesStrategicMerge:\n- " + origin + "/p.yaml\n",
        "openapi", "resources:\n- cm.yaml\nopenapi:\n  path: " + origin + "/schema.json\n",
        "crds", "resources:\n- cm.yaml\ncrds:\n- " + origin + "/crd.json\n",
        "configurations", "resources:\n- cm.yaml\nconfigurations:\n- " + origin + "/c.yaml\n",
        "generator file", "resources:\n- cm.yaml\nconfigMapGenerator:\n- name: g\n  files:\n  - k=" + origin + "/f\n",
        "replacements", "resources:\n- cm.yaml\nreplacements:\n- path: " + origin + "/r.yaml\n",
        "components", "resources:\n- cm.yaml\ncomponents:\n- " + origin + "/c\n");
    String base = ChangeIds.ZERO_SHA;
    try (Renderer renderer = renderer(engine)) {
      for (Map.Entry<String, String> k : kustomizations.entrySet()) {
        String head = repo.write(files(k.getValue())).commit(k.getKey());
        RenderResult remote = render(renderer, base, head, "remote");
        assertEquals(RenderStatus.ERROR, remote.getStatus(), k.getKey());
        assertTrue(remote.getError().contains("not fetched"), k.getKey() + ": " + remote.getError());
        assertEquals(List.of(), requests, k.getKey() + ": the server must receive no request");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = EngineChoice.class, names = {"NATIVE", "EXEC"})
  void aRemoteBaseSaysSo(EngineChoice engine) throws Exception {
    if (engine == EngineChoice.EXEC) {
      Tools.assumeKubectl();
    }
    String head = repo.write(files("resources:\n- cm.yaml\n- github.com/example/repo//deploy?ref=v1.0.0\n"))
        .commit("remote base");
    try (Renderer renderer = renderer(engine)) {
      RenderResult remote = render(renderer, ChangeIds.ZERO_SHA, head, "remote");
      assertEquals(RenderStatus.ERROR, remote.getStatus());
      assertTrue(remote.getError().contains("remote bases are not fetched (see report.remote): "
          + "'github.com/example/repo//deploy?ref=v1.0.0'"), remote.getError());
      assertTrue(!remote.getError().contains("git clone") && !remote.getError().contains("E1"), remote.getError());
    }
  }

  @ParameterizedTest
  @EnumSource(value = EngineChoice.class, names = {"NATIVE", "EXEC"})
  void theHeadCannotAllowItself(EngineChoice engine) throws Exception {
    if (engine == EngineChoice.EXEC) {
      Tools.assumeKubectl();
    }
    String base = repo.write(files("resources:\n- cm.yaml\n")).commit("no remote");
    Map<String, String> files = files("resources:\n- cm.yaml\n- " + origin + "/x.yaml\n");
    files.put("foresight.yaml", "render:\n  remote:\n    allow:\n    - " + origin + "/*\n");
    String head = repo.write(files).commit("remote resource, allowed by the pull request itself");
    try (Renderer renderer = renderer(engine)) {
      RenderResult remote = render(renderer, base, head, "remote");
      assertEquals(RenderStatus.ERROR, remote.getStatus());
      assertTrue(remote.getError().contains("remote resource not fetched"), remote.getError());
    }
    assertEquals(List.of(), requests, "the server must receive no request");
  }

  @ParameterizedTest
  @EnumSource(value = EngineChoice.class, names = {"NATIVE", "EXEC"})
  void theBaseAllowListFetches(EngineChoice engine) throws Exception {
    Tools.assumeKubectl(); // the fetch itself is kubectl's
    Map<String, String> files = files("resources:\n- cm.yaml\n");
    files.put("foresight.yaml", "render:\n  remote:\n    allow:\n    - " + origin + "/*\n");
    String base = repo.write(files).commit("allow the loopback server explicitly");
    String head = repo.write(files("resources:\n- cm.yaml\n- " + origin + "/x.yaml\n")).commit("remote resource");
    try (Renderer renderer = renderer(engine)) {
      RenderResult remote = render(renderer, base, head, "remote");
      assertEquals(RenderStatus.OK, remote.getStatus(), remote.getError());
      assertTrue(remote.getHead().getContent().contains("name: fetched"), remote.getHead().getContent());
    }
    assertEquals(List.of("/x.yaml"), requests.stream().distinct().toList());
  }

  @ParameterizedTest
  @EnumSource(value = EngineChoice.class, names = {"NATIVE", "EXEC"})
  void theOperatorAllowListFetches(EngineChoice engine) throws Exception {
    Tools.assumeKubectl();
    String head = repo.write(files("resources:\n- cm.yaml\n- " + origin + "/x.yaml\n")).commit("remote resource");
    try (Renderer renderer = renderer(engine)) {
      renderer.setRemotePolicy(dev.foresight.renderer.remote.RemotePolicy.of(List.of(origin + "/x.yaml")));
      RenderResult remote = render(renderer, ChangeIds.ZERO_SHA, head, "remote");
      assertEquals(RenderStatus.OK, remote.getStatus(), remote.getError());
    }
    assertTrue(requests.contains("/x.yaml"), requests.toString());
  }
}
