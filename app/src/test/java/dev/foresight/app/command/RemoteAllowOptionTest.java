package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.foresight.app.Cli;
import dev.foresight.app.GitOpsRepo;
import dev.foresight.app.Tools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight diff --remote-allow PREFIX}: the operator's allow-list on the command line. A
 * kustomization naming {@code http://127.0.0.1:<port>/x.yaml} (a real HTTP server) is not fetched
 * without it, and fetched with the exact host written in the flag.
 */
class RemoteAllowOptionTest {

  @TempDir Path dir;
  GitOpsRepo repo;
  HttpServer server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  String origin;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestURI().toString());
      byte[] body = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fetched\ndata:\n  from: the-server\n"
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    origin = "http://127.0.0.1:" + server.getAddress().getPort();
    repo = GitOpsRepo.create(dir.resolve("repo"));
    repo.write("apps/kustomization.yaml", "resources:\n- cm.yaml\n- " + origin + "/x.yaml\n").commit("remote resource");
  }

  @AfterEach
  void stop() {
    server.stop(0);
    repo.close();
  }

  Cli.Run diff(String... more) {
    String[] base = {"diff", "--data-dir", dir.resolve("data").toString(), "--repo", repo.dir().toString(),
        "--engine", "native", "--all", "--no-cache", "master~1", "master"};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return Cli.run(all);
  }

  @Test
  void theFlagAllowsWhatItNamesAndNothingElse() {
    Tools.assumeKubectl("a remote resource is fetched by the kubectl fallback; RemoteAllowOptionTest");
    Cli.Run refused = diff();
    assertEquals(2, refused.exitCode(), refused.printed());
    assertTrue(refused.out().contains("remote resource not fetched: " + origin + "/x.yaml"), refused.out());
    Cli.Run other = diff("--remote-allow", "https://github.com/acme/*");
    assertEquals(2, other.exitCode(), other.printed());
    assertEquals(List.of(), requests, "nothing is fetched unless allowed");

    Cli.Run allowed = diff("--remote-allow", "https://github.com/acme/*", "--remote-allow", origin + "/*");
    assertEquals(0, allowed.exitCode(), allowed.printed());
    assertTrue(allowed.out().contains("ConfigMap default/fetched") || allowed.out().contains("fetched"),
        allowed.out());
    assertFalse(requests.isEmpty(), "the allowed URL is fetched");
  }

  @Test
  void aMalformedEntryIsAnErrorNamingTheFlag() {
    Cli.Run run = diff("--remote-allow", "https://*.example.com/x");
    assertEquals(2, run.exitCode(), run.printed());
    assertTrue(run.err().contains("--remote-allow: remote allow entry 'https://*.example.com/x' has '*' before its end"),
        run.err());
  }

  @Test
  void helpDescribesIt() {
    Cli.Run run = Cli.run("diff", "--help");
    assertTrue(run.out().contains("--remote-allow=PREFIX"), run.out());
  }
}
