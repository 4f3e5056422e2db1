package dev.foresight.renderer.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;

/**
 * The key of {@link SecretMasker}: env {@code FORESIGHT_MASK_KEY} (its UTF-8 bytes) when set, else
 * {@code <dataDir>/mask.key}, 32 random bytes created with owner-only permissions on first use.
 * Every renderer instance of one deployment must use the same key, or equal values would differ.
 */
public final class MaskKey {

  public static final String ENV = "FORESIGHT_MASK_KEY";
  public static final String FILE = "mask.key";

  private MaskKey() {}

  public static byte[] load(Path dataDir) throws IOException {
    return load(dataDir, System.getenv());
  }

  static byte[] load(Path dataDir, Map<String, String> env) throws IOException {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv.getBytes(StandardCharsets.UTF_8);
    }
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      create(file);
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length < 16) {
      throw new IOException("mask key " + file + " holds " + key.length
          + " bytes, at least 16 are needed; delete it to have a new one created, or set " + ENV);
    }
    return key;
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
    try {
      ownerOnly(tmp);
      Files.write(tmp, key, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(tmp, file);
    } catch (FileAlreadyExistsException raced) {
      // another process created it first: use theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      file.toFile().setReadable(false, false);
      file.toFile().setReadable(true, true);
    }
  }
}
