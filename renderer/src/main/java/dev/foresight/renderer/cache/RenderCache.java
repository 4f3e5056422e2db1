package dev.foresight.renderer.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import dev.foresight.renderer.secret.MaskKey;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Rendered pair outputs on disk under {@code <dataDir>/cache/renders/<2 hex>/<key>}, one gzip file
 * per key. Writes go to a temporary file in the same directory and are moved into place
 * atomically, so concurrent renderers, threads or processes never see a partial entry (the same key
 * always maps to the same content, so the last writer winning is harmless). The total size is
 * bounded: when a put exceeds it, the least recently used entries (by file modification time, which
 * a hit refreshes) are deleted down to 90% of the bound. Thread-safe, and safe for several processes
 * on one directory (e.g. renderer replicas on a shared volume, or {@code foresight diff} beside
 * {@code serve}): an eviction skips files that other writers move or delete meanwhile, a get of an
 * entry evicted meanwhile is a miss, and concurrent evictions only delete more. Across processes
 * the bound is soft: each instance counts its own puts since it last scanned the directory, so the
 * directory may exceed the bound by what the other instances put since their last eviction.
 *
 * <p>Entries are encrypted at rest (AES-256-GCM, a random 96-bit IV per entry, the entry's key as
 * associated data), with a key derived from the installation's mask key
 * ({@code HMAC-SHA256(maskKey, "foresight render cache v2")}): raw engine output may hold Secret
 * values, and nothing leaves the renderer unmasked, on disk neither. An entry written with another
 * key (or corrupted) fails authentication and counts as a miss.
 */
public final class RenderCache {

  /** The default bound: 512 MiB. */
  public static final long DEFAULT_MAX_BYTES = 512L * 1024 * 1024;

  private static final String MAGIC = "foresight-render-cache/2";
  private static final byte[] FILE_MAGIC = "FRC2".getBytes(StandardCharsets.US_ASCII);
  private static final String KEY_LABEL = "foresight render cache v2";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final String TMP_PREFIX = ".tmp-";

  /** A cache key: 64 hex (SHA-256), built by {@link CacheKeys}. */
  public record Key(String hex) {
    public Key {
      if (hex == null || !HEX.matcher(hex).matches()) {
        throw new IllegalArgumentException("a cache key is 64 lower-case hex characters, not " + hex);
      }
    }
  }

  /** A cached render: the engine's raw output (encrypted on disk), and the warnings it produced. */
  public record Entry(String content, List<String> warnings) {
    public Entry {
      Objects.requireNonNull(content, "content");
      warnings = List.copyOf(warnings == null ? List.of() : warnings);
    }
  }

  /** Counters since this instance was created, and the size on disk as last known. */
  public record Stats(long hits, long misses, long puts, long evictions, long bytes, long maxBytes) {
    /** hits / (hits + misses), 0 when nothing was asked. */
    public double hitRate() {
      return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
    }
  }

  private final Path dir;
  private final long maxBytes;
  private final Clock clock;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private final AtomicLong puts = new AtomicLong();
  private final AtomicLong evictions = new AtomicLong();
  private final Object evictLock = new Object();
  private final SecretKeySpec aesKey;

  /** Under {@code <dataDir>/cache/renders/}, bounded by {@link #DEFAULT_MAX_BYTES}, encrypted with {@link MaskKey#load}. */
  public RenderCache(Path dataDir) throws IOException {
    this(dataDir, DEFAULT_MAX_BYTES);
  }

  public RenderCache(Path dataDir, long maxBytes) throws IOException {
    this(dataDir, maxBytes, Clock.systemUTC());
  }

  /** {@code clock} stamps access times (tests pass a fake one). */
  public RenderCache(Path dataDir, long maxBytes, Clock clock) throws IOException {
    this(dataDir, maxBytes, clock, MaskKey.load(dataDir));
  }

  /** Entries encrypted with a key derived from {@code maskKey} (the renderer's, see {@link MaskKey}). */
  public RenderCache(Path dataDir, long maxBytes, Clock clock, byte[] maskKey) throws IOException {
    if (maskKey == null || maskKey.length == 0) {
      throw new IllegalArgumentException("render cache needs the mask key to encrypt its entries; use MaskKey.load");
    }
    this.aesKey = derive(maskKey);
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("cache size bound must be positive, not " + maxBytes);
    }
    this.dir = dataDir.resolve("cache").resolve("renders");
    this.maxBytes = maxBytes;
    this.clock = clock;
    Files.createDirectories(dir);
    bytes.set(scan().stream().mapToLong(EntryFile::size).sum());
  }

  /** Where the entries live. */
  public Path directory() {
    return dir;
  }

  /** The entry under {@code key}, refreshing its access time; empty on a miss. */
  public Optional<Entry> get(Key key) {
    Path file = file(key);
    try (InputStream in = Files.newInputStream(file)) {
      Entry entry = decode(decrypt(in.readAllBytes(), key));
      touch(file);
      hits.incrementAndGet();
      return Optional.of(entry);
    } catch (NoSuchFileException e) {
      misses.incrementAndGet();
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // unreadable (e.g. written by an incompatible version): drop it, render again
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // another process may hold it; a later put replaces it
      }
      misses.incrementAndGet();
      return Optional.empty();
    }
  }

  /**
   * Stores {@code entry} under {@code key} (replacing any), then evicts least recently used
   * entries when over the bound. An entry larger than the whole bound is not stored.
   */
  public void put(Key key, Entry entry) throws IOException {
    byte[] data = encrypt(encode(entry), key);
    if (data.length > maxBytes) {
      return;
    }
    Path file = file(key);
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), TMP_PREFIX, ".gz");
    try {
      Files.write(tmp, data);
      Files.setLastModifiedTime(tmp, FileTime.from(clock.instant()));
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    puts.incrementAndGet();
    if (bytes.addAndGet(data.length) > maxBytes) {
      evict();
    }
  }

  public Stats stats() {
    return new Stats(hits.get(), misses.get(), puts.get(), evictions.get(), bytes.get(), maxBytes);
  }

  /** Deletes least recently used entries until the cache holds at most 90% of its bound. */
  public void evict() throws IOException {
    synchronized (evictLock) {
      List<EntryFile> entries = scan();
      long total = entries.stream().mapToLong(EntryFile::size).sum();
      long target = maxBytes - maxBytes / 10;
      entries.sort(Comparator.comparing(EntryFile::accessed).thenComparing(e -> e.path().toString()));
      for (EntryFile e : entries) {
        if (total <= target) {
          break;
        }
        if (Files.deleteIfExists(e.path())) {
          evictions.incrementAndGet();
        }
        total -= e.size();
      }
      bytes.set(total);
    }
  }

  private record EntryFile(Path path, long size, FileTime accessed) {}

  /**
   * Every entry file with size and access time; removes temporary files older than an hour. Other
   * writers (threads, processes) create, move and delete files meanwhile: a file gone between the
   * listing and reading its attributes is skipped (Files.walk would throw for it).
   */
  private List<EntryFile> scan() throws IOException {
    List<EntryFile> out = new ArrayList<>();
    FileTime stale = FileTime.from(clock.instant().minus(Duration.ofHours(1)));
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(dir)) {
      for (Path shard : shards) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
          for (Path p : files) {
            scanFile(p, stale, out);
          }
        } catch (NoSuchFileException | NotDirectoryException e) {
          // not a shard directory
        }
      }
    }
    return out;
  }

  private static void scanFile(Path p, FileTime stale, List<EntryFile> out) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return; // moved into place, evicted or replaced meanwhile by another writer
    }
    if (!attributes.isRegularFile()) {
      return;
    }
    if (p.getFileName().toString().startsWith(TMP_PREFIX)) {
      if (attributes.lastModifiedTime().compareTo(stale) < 0) {
        Files.deleteIfExists(p);
      }
      return;
    }
    out.add(new EntryFile(p, attributes.size(), attributes.lastModifiedTime()));
  }

  private void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
    } catch (IOException ignored) {
      // evicted meanwhile: the caller already has the entry
    }
  }

  private Path file(Key key) {
    return dir.resolve(key.hex().substring(0, 2)).resolve(key.hex());
  }

  private static SecretKeySpec derive(byte[] maskKey) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(maskKey, "HmacSHA256"));
      return new SecretKeySpec(mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.UTF_8)), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  /** {@code FRC2 | iv | AES-GCM(plain)}, the key's hex as associated data (an entry cannot be moved). */
  private byte[] encrypt(byte[] plain, Key key) throws IOException {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(key.hex().getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plain);
      byte[] out = new byte[FILE_MAGIC.length + IV_BYTES + sealed.length];
      System.arraycopy(FILE_MAGIC, 0, out, 0, FILE_MAGIC.length);
      System.arraycopy(iv, 0, out, FILE_MAGIC.length, IV_BYTES);
      System.arraycopy(sealed, 0, out, FILE_MAGIC.length + IV_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt a render cache entry: " + e.getMessage(), e);
    }
  }

  private InputStream decrypt(byte[] file, Key key) throws IOException {
    int header = FILE_MAGIC.length + IV_BYTES;
    if (file.length < header || !java.util.Arrays.equals(file, 0, FILE_MAGIC.length, FILE_MAGIC, 0,
        FILE_MAGIC.length)) {
      throw new IOException("not an encrypted render cache entry");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, aesKey, new GCMParameterSpec(TAG_BITS, file, FILE_MAGIC.length, IV_BYTES));
      cipher.updateAAD(key.hex().getBytes(StandardCharsets.US_ASCII));
      return new java.io.ByteArrayInputStream(cipher.doFinal(file, header, file.length - header));
    } catch (GeneralSecurityException e) {
      throw new IOException("render cache entry fails authentication (another mask key, or corrupt)", e);
    }
  }

  private static byte[] encode(Entry entry) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(buffer); DataOutputStream out = new DataOutputStream(gz)) {
      writeString(out, MAGIC);
      out.writeInt(entry.warnings().size());
      for (String w : entry.warnings()) {
        writeString(out, w);
      }
      writeString(out, entry.content());
    }
    return buffer.toByteArray();
  }

  private static Entry decode(InputStream raw) throws IOException {
    try (DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
      if (!MAGIC.equals(readString(in))) {
        throw new IOException("not a render cache entry");
      }
      int n = in.readInt();
      List<String> warnings = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        warnings.add(readString(in));
      }
      return new Entry(readString(in), warnings);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > Integer.MAX_VALUE - 16) {
      throw new IOException("corrupt render cache entry");
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
