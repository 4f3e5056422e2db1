package dev.foresight.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.Foresight;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cache-max-bytes} (shared by diff, replay, serve and up through {@link DataDirOption}), checked before any work. */
class CacheMaxBytesTest {

  @Test
  void sizesInBytesOrWithBinarySuffixes() {
    assertEquals(536870912L, DataDirOption.parseSize("536870912", "x"));
    assertEquals(512L << 20, DataDirOption.parseSize("512M", "x"));
    assertEquals(512L << 20, DataDirOption.parseSize("512MiB", "x"));
    assertEquals(2L << 30, DataDirOption.parseSize(" 2g ", "x"));
    assertEquals(3L << 10, DataDirOption.parseSize("3kb", "x"));
    assertEquals(1L << 40, DataDirOption.parseSize("1T", "x"));
    assertEquals(10L, DataDirOption.parseSize("10b", "x"));
    for (String bad : new String[] {"0", "-5", "lots", "1.5G", "5P", "99999999999T", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DataDirOption.parseSize(bad, "--cache-max-bytes"), bad);
      assertTrue(e.getMessage().startsWith("--cache-max-bytes must be a positive size"), e.getMessage());
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void theDefaultIsTheRenderCachesWhenNothingIsSet() {
    assumeNoEnv();
    assertEquals(dev.foresight.renderer.cache.RenderCache.DEFAULT_MAX_BYTES, new DataDirOption().cacheMaxBytes());
  }

  @Test
  void aBadValueIsAUsageMessageBeforeAnyWork() {
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code = Foresight.run("serve", "renderer", "--bootstrap-servers", "localhost:1", "--cache-max-bytes", "big");
    } finally {
      System.setErr(err);
    }
    String said = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, said);
    assertTrue(said.contains("--cache-max-bytes must be a positive size in bytes"), said);
  }

  @Test
  void upRejectsABadValueBeforeItStartsABroker(@TempDir Path dir) {
    PrintStream err = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    long start = System.nanoTime();
    try {
      System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      code = Foresight.run("up", "--data-dir", dir.toString(), "--port", "0", "--webhook-port", "0",
          "--cache-max-bytes", "12X");
    } finally {
      System.setErr(err);
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    String said = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, said);
    assertTrue(said.contains("--cache-max-bytes must be a positive size in bytes") && said.contains("'12X'"), said);
    assertFalse(Files.exists(dir.resolve("kafka")), "up started the embedded broker before checking the value");
    assertTrue(millis < 5_000, "up took " + millis + " ms to reject the value");
  }

  private static void assumeNoEnv() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(DataDirOption.CACHE_MAX_BYTES_ENV) == null,
        DataDirOption.CACHE_MAX_BYTES_ENV + " is set here: the default is not observable");
  }
}
