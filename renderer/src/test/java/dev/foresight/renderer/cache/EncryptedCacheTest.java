package dev.foresight.renderer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** (d) No cache file on disk holds a Secret value in clear, nor gzip-readable. */
class EncryptedCacheTest {

  private static final String VALUE = "s3cr3t-cache-value-0001";
  private static final byte[] KEY_A = "key-a-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEY_B = "key-b-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path tmp;

  private static RenderCache.Key key(String seed) throws Exception {
    return new RenderCache.Key(HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void entriesAreEncryptedAtRestAndOnlyTheirKeyOpensThem() throws Exception {
    String raw = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  token: " + VALUE + "\ndata:\n  b: "
        + Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)) + "\n";
    RenderCache cache = new RenderCache(tmp, RenderCache.DEFAULT_MAX_BYTES, Clock.systemUTC(), KEY_A);
    RenderCache.Entry entry = new RenderCache.Entry(raw, List.of("a note with " + VALUE));
    cache.put(key("x"), entry);
    assertEquals(Optional.of(entry), cache.get(key("x")));

    List<Path> files;
    try (Stream<Path> walk = Files.walk(cache.directory())) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertEquals(1, files.size());
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(VALUE) || text.contains("kind: Secret"), "clear text in " + file);
      assertFalse(bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b, "not a bare gzip stream");
      boolean gunzips;
      try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        in.readAllBytes();
        gunzips = true;
      } catch (java.io.IOException expected) {
        gunzips = false;
      }
      assertFalse(gunzips, "entries cannot be read without the key");
    }

    RenderCache other = new RenderCache(tmp, RenderCache.DEFAULT_MAX_BYTES, Clock.systemUTC(), KEY_B);
    assertEquals(Optional.empty(), other.get(key("x")), "another installation's key: a miss, not garbage");
    assertEquals(1, other.stats().misses());

    cache.put(key("y"), entry);
    Path y = cache.directory().resolve(key("y").hex().substring(0, 2)).resolve(key("y").hex());
    Path z = cache.directory().resolve(key("z").hex().substring(0, 2)).resolve(key("z").hex());
    Files.createDirectories(z.getParent());
    Files.copy(y, z);
    assertEquals(Optional.empty(), cache.get(key("z")), "an entry moved under another key fails authentication");
  }

  @Test
  void theDefaultConstructorsEncryptWithTheDataDirectorysMaskKey() throws Exception {
    RenderCache cache = new RenderCache(tmp);
    cache.put(key("x"), new RenderCache.Entry("token: " + VALUE + "\n", List.of()));
    assertTrue(Files.exists(tmp.resolve("mask.key")));
    try (Stream<Path> walk = Files.walk(cache.directory())) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(VALUE));
      }
    }
    assertEquals("token: " + VALUE + "\n", new RenderCache(tmp).get(key("x")).orElseThrow().content());
  }
}
