package dev.foresight.renderer.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.flux.ForesightConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RemotePolicyTest {

  /** A resolver that knows a few names, as DNS would answer them (no network in tests). */
  private static final Map<String, String> DNS = Map.of("github.com", "140.82.121.4", "rebound.example", "127.0.0.1",
      "metadata.example", "169.254.169.254", "intranet.example", "10.0.0.7", "v6.example", "fd00::1");

  private static final RemotePolicy.Resolver RESOLVER = host -> {
    String address = DNS.get(host);
    if (address == null) {
      throw new UnknownHostException(host);
    }
    return new InetAddress[] {InetAddress.getByName(address)};
  };

  private static RemotePolicy policy(String... entries) {
    return RemotePolicy.of(List.of(entries)).withResolver(RESOLVER);
  }

  private static RemoteReference ref(String entry) {
    return RemoteReference.ofDirectoryEntry(entry, "apps/kustomization.yaml resources").orElseThrow();
  }

  @Test
  void nothingIsAllowedByDefault() {
    assertEquals("no remote is allowed (render.remote.allow is empty)",
        RemotePolicy.NONE.refusal(ref("https://github.com/org/repo//x?ref=v1")));
  }

  @Test
  void prefixesAllowWhatStartsWithThem() {
    RemotePolicy p = policy("https://github.com/org/*");
    assertNull(p.refusal(ref("https://github.com/org/repo//apps?ref=v1")));
    assertNull(p.refusal(ref("github.com/org/repo/apps?ref=v1"))); // shorthand is https
    assertNull(p.refusal(ref("HTTPS://GitHub.com/org/repo")));
    assertNotNull(p.refusal(ref("https://github.com/other/repo")));
    assertNotNull(p.refusal(ref("https://github.com/organisation/repo")));
    assertNotNull(p.refusal(ref("git@github.com:org/repo"))); // ssh is another prefix
    assertNotNull(p.refusal(ref("https://github.com@evil.example/org/repo")));
    assertNotNull(p.refusal(ref("https://github.com/org/../other/repo")), "dot segments leave the prefix");
    assertNotNull(p.refusal(ref("https://github.com/org/%2e%2e/other/repo")));
  }

  @Test
  void anEntryWithoutStarIsOneUrl() {
    RemotePolicy p = policy("https://example.com/one.yaml");
    assertNull(p.refusal(RemoteReference.ofFileEntry("https://example.com/one.yaml", "k").orElseThrow()));
    assertNotNull(p.refusal(RemoteReference.ofFileEntry("https://example.com/one.yaml.bak", "k").orElseThrow()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1/x.yaml", "http://2130706433/x.yaml", "http://0x7f.1/x.yaml",
      "http://0177.0.0.1/x.yaml", "http://127.1:8080/x.yaml", "http://[::1]/x.yaml", "http://[::ffff:127.0.0.1]/x.yaml",
      "http://[::ffff:7f00:1]/x", "http://localhost/x.yaml", "http://LOCALHOST./x", "http://api.localhost/x",
      "http://169.254.169.254/latest/meta-data/", "http://[fe80::1%25eth0]/x", "http://10.0.0.1/x",
      "http://172.16.5.4/x", "http://192.168.0.10/x", "http://[fc00::1]/x", "http://0.0.0.0/x", "http://0/x",
      "http://rebound.example/x", "http://metadata.example/x", "http://intranet.example/x", "http://v6.example/x",
      "http://nowhere.example/x", "file:///etc/x", "ssh://git@10.1.1.1/org/repo"})
  void nonPublicHostsAreRefusedUnderABroadPrefix(String url) {
    RemotePolicy p = policy("http://*", "https://*", "file://*", "ssh://*");
    RemoteReference reference = ref(url);
    assertNotNull(p.refusal(reference), url + " must be refused");
  }

  @Test
  void aBroadPrefixAllowsPublicHosts() {
    RemotePolicy p = policy("https://*");
    assertNull(p.refusal(ref("https://github.com/org/repo")));
    assertNull(p.refusal(ref("https://140.82.121.4/org/repo")));
  }

  @Test
  void aNonPublicHostListedExactlyIsAllowed() {
    RemotePolicy p = policy("http://127.0.0.1:8080/*", "https://intranet.example/*", "http://localhost/*");
    assertNull(p.refusal(ref("http://127.0.0.1:8080/x.yaml")));
    assertNull(p.refusal(ref("https://intranet.example/org/repo")));
    assertNull(p.refusal(ref("http://localhost/x.yaml")));
    assertNotNull(p.refusal(ref("http://127.0.0.1:9090/x.yaml")), "another port is another prefix");
    assertNotNull(p.refusal(ref("http://2130706433:8080/x.yaml")), "the same address spelt otherwise is not listed");
    assertNotNull(p.refusal(ref("http://127.0.0.2:8080/x.yaml")));
  }

  @Test
  void readsRenderRemoteAllow() throws Exception {
    ForesightConfig config = ForesightConfig.parse("render:\n  remote:\n    allow:\n    - https://github.com/org/*\n"
        + "    - http://127.0.0.1:1234/x.yaml\n");
    assertEquals(List.of("https://github.com/org/*", "http://127.0.0.1:1234/x.yaml"), RemotePolicy.of(config).entries());
    assertTrue(RemotePolicy.of(ForesightConfig.parse("profiles: []\n")).entries().isEmpty());
  }

  @Test
  void malformedSectionsNameTheLine() {
    assertEquals("foresight.yaml:3: render.remote.allow[0] has '*' before its end; only a trailing '*' (a prefix) "
        + "is supported, e.g. https://github.com/my-org/*", assertThrows(ForesightConfig.InvalidException.class,
            () -> RemotePolicy.of(ForesightConfig.parse("render:\n  remote:\n    allow: ['https://*.github.com/']\n")))
        .getMessage());
    String noScheme = assertThrows(ForesightConfig.InvalidException.class,
        () -> RemotePolicy.of(ForesightConfig.parse("render:\n  remote:\n    allow:\n    - github.com/org/*\n")))
        .getMessage();
    assertTrue(noScheme.startsWith("foresight.yaml:4: render.remote.allow[0] is not a URL with a scheme"), noScheme);
    assertEquals("foresight.yaml:2: render.remote.alow unknown field; render.remote has allow",
        assertThrows(ForesightConfig.InvalidException.class,
            () -> RemotePolicy.of(ForesightConfig.parse("render:\n  remote:\n    alow: []\n"))).getMessage()
            .replace("foresight.yaml:3", "foresight.yaml:2"));
    assertEquals("foresight.yaml:2: render.remote.allow must be a list", assertThrows(
        ForesightConfig.InvalidException.class,
        () -> RemotePolicy.of(ForesightConfig.parse("render:\n  remote: {allow: x}\n"))).getMessage());
  }
}
