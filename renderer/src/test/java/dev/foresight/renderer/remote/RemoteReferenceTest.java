package dev.foresight.renderer.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.renderer.remote.RemoteReference.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** kustomize v5.5.0's rules (api/internal/git/repospec.go, loader IsRemoteFile). */
class RemoteReferenceTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://127.0.0.1:8080/x.yaml|http://127.0.0.1:8080/x.yaml|FILE",
      "HTTPS://Example.COM/Deploy.yaml|https://example.com/Deploy.yaml|FILE",
      "https://github.com/org/repo//apps?ref=v1|https://github.com/org/repo//apps?ref=v1|BASE",
      "https://dev.azure.com/org/project/_git/repo|https://dev.azure.com/org/project/_git/repo|BASE",
      "https://gitlab.com/org/repo.git/base|https://gitlab.com/org/repo.git/base|BASE",
      "github.com/org/repo/apps?ref=v1.2|https://github.com/org/repo/apps?ref=v1.2|BASE",
      "github.com:org/repo|https://github.com/org/repo|BASE",
      "git@github.com:org/repo.git//base|ssh://git@github.com/org/repo.git//base|BASE",
      "git@gitlab.internal:group/repo//x|ssh://git@gitlab.internal/group/repo//x|BASE",
      "ssh://git@10.0.0.5/org/repo|ssh://git@10.0.0.5/org/repo|BASE",
      "git::https://github.com/org/repo//x|https://github.com/org/repo//x|BASE",
      "GIT::ssh://git@host/a/b|ssh://git@host/a/b|BASE",
      "file:///srv/git/repo//base|file:///srv/git/repo//base|BASE",
      "s3://bucket/x|s3://bucket/x|BASE",
  })
  void directoryEntries(String entry, String url, Kind kind) {
    RemoteReference ref = RemoteReference.ofDirectoryEntry(entry, "k.yaml resources").orElseThrow();
    assertEquals(url, ref.url());
    assertEquals(kind, ref.kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"deploy.yaml", "../base", "./github.com", "github.com/org", "foo@bar/x", "base?x",
      "gitlab.com/org/repo", "/abs/path"})
  void localDirectoryEntries(String entry) {
    assertTrue(RemoteReference.ofDirectoryEntry(entry, "k").isEmpty(), entry);
  }

  @Test
  void fileFieldsFetchOnlyHttp() {
    assertEquals(Kind.FILE, RemoteReference.ofFileEntry("https://x.io/p.yaml", "k patches").orElseThrow().kind());
    assertEquals(Kind.FILE, RemoteReference.ofFileEntry(" HTTP://x.io/p.yaml", "k patches").orElseThrow().kind());
    assertTrue(RemoteReference.ofFileEntry("github.com/org/repo/p.yaml", "k").isEmpty());
    assertTrue(RemoteReference.ofFileEntry("git@github.com:org/repo", "k").isEmpty());
    assertTrue(RemoteReference.ofFileEntry("ssh://host/p.yaml", "k").isEmpty());
    assertTrue(RemoteReference.ofFileEntry("patch.yaml", "k").isEmpty());
  }

  @Test
  void hosts() {
    assertEquals("127.0.0.1", ref("http://user:pw@127.0.0.1:99/x").host());
    assertEquals("[::1]", ref("http://[::1]:8080/x").host());
    assertEquals("evil.example", ref("https://github.com@evil.example/org/x").host());
    assertEquals("", ref("file:///srv/x//y").host());
  }

  private static RemoteReference ref(String entry) {
    return RemoteReference.ofDirectoryEntry(entry, "k").orElseThrow();
  }
}
