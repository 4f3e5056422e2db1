package dev.foresight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A released schema is immutable: data written with it sits in compacted topics and archives.
 * Each bundled {@code history/<Record>/v<N>.avsc} is pinned by the SHA-256 of its bytes in
 * {@code src/test/resources/released-schemas.sha256}; editing one fails here (add a version
 * instead). A new version is pinned with {@code mvn test -Dgolden.update=true} in schemas/.
 */
class ReleasedSchemasPinnedTest {

  static final Path HISTORY = Path.of("src/main/resources/dev/foresight/schema/history");
  static final Path PINS = Path.of("src/test/resources/released-schemas.sha256");

  @Test
  void everyReleasedSchemaIsPinnedAndUnchanged() throws IOException {
    Map<String, String> bundled = bundled();
    Map<String, String> pinned = pinned();
    if (Boolean.getBoolean("golden.update")) {
      Map<String, String> updated = new TreeMap<>(pinned);
      bundled.forEach(updated::putIfAbsent);
      Files.writeString(PINS, updated.entrySet().stream().map(e -> e.getValue() + "  " + e.getKey() + "\n")
          .collect(Collectors.joining()));
      pinned = updated;
    }
    for (Map.Entry<String, String> e : bundled.entrySet()) {
      String pin = pinned.get(e.getKey());
      assertEquals(pin == null ? "(pinned)" : pin, pin == null ? "(not pinned)" : e.getValue(), pin == null
          ? e.getKey() + " is not pinned: a new released version? run mvn test -Dgolden.update=true in schemas/"
          : e.getKey() + " changed after its release: released schemas are immutable; revert it and add a new "
              + "version instead");
    }
    assertEquals(pinned.keySet(), bundled.keySet(), "a pinned released schema is missing from " + HISTORY);
  }

  static Map<String, String> bundled() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(HISTORY)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".avsc")).toList()) {
        files.put(HISTORY.relativize(file).toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return files;
  }

  static Map<String, String> pinned() throws IOException {
    Map<String, String> pins = new TreeMap<>();
    if (Files.exists(PINS)) {
      for (String line : Files.readAllLines(PINS)) {
        if (!line.isBlank()) {
          String[] parts = line.trim().split("\\s+", 2);
          pins.put(parts[1], parts[0]);
        }
      }
    }
    return pins;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
