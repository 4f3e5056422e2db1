package dev.foresight.renderer.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskKeyTest {

  @Test
  void createsAnOwnerOnlyKeyOnceAndReusesIt(@TempDir Path dir) throws Exception {
    byte[] first = MaskKey.load(dir.resolve("data"), Map.of());
    assertEquals(32, first.length);
    assertArrayEquals(first, MaskKey.load(dir.resolve("data"), Map.of()));
    Path file = dir.resolve("data").resolve(MaskKey.FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void environmentWins(@TempDir Path dir) throws Exception {
    assertArrayEquals("k".getBytes(StandardCharsets.UTF_8), MaskKey.load(dir, Map.of(MaskKey.ENV, "k")));
    assertEquals(false, Files.exists(dir.resolve(MaskKey.FILE)));
  }
}
