package dev.foresight.renderer.engine;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.KustomizeException;
import dev.foresight.kustomize.Kustomizer;
import dev.foresight.kustomize.UnsupportedFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The in-process engine ({@link Kustomizer}), reading the tree directly (no checkout, no process),
 * with {@code LoadRestrictionsNone} as Flux's kustomize-controller builds: any file of the
 * repository may be read, nothing outside it (a path climbing above the root is an error).
 * What it does not implement ({@link UnsupportedFeature}) is built by the fallback engine (the
 * exec engine) and said in {@link #notes()}; without a fallback it is an error. Never a silently
 * different output. kustomize's build warnings (deprecated fields) are {@link #notes()}, once each.
 */
public final class NativeEngine implements Engine {

  private final Engine fallback;
  /**
   * One memo for this engine's lifetime: the bases shared by every profile, overlay and both sides
   * of a change are built once per content (thread-safe: render workers share it).
   */
  private final Kustomizer kustomizer = new Kustomizer(new dev.foresight.kustomize.build.BuildMemo(4096),
      dev.foresight.kustomize.LoadRestrictor.NONE);
  private final ThreadLocal<List<String>> notes = ThreadLocal.withInitial(List::of);
  private final String version;

  /** {@code fallback} may be null: then an unsupported feature fails the build. */
  public NativeEngine(Engine fallback) {
    this.fallback = fallback;
    this.version = "native " + codeFingerprint() + (fallback == null ? "" : " fallback " + fallback.version());
  }

  /** The sub-build memo's counters (hits, builds, entries). */
  public dev.foresight.kustomize.build.BuildMemo.Stats memoStats() {
    return kustomizer.memo().stats();
  }

  @Override
  public String build(FileTree tree, String dir) throws RenderException {
    notes.set(List.of());
    try {
      Kustomizer.Built built = kustomizer.render(tree, dir);
      notes.set(warnings(built.warnings()));
      return built.yaml();
    } catch (UnsupportedFeature unsupported) {
      if (fallback == null) {
        throw new RenderException("the native engine cannot build " + dir + ": " + unsupported.getMessage()
            + " (use --engine exec, or install kubectl for the fallback)");
      }
      String output = fallback.build(tree, dir);
      notes.set(List.of("rendered with " + fallback.name() + ": the native engine does not support "
          + unsupported.feature()));
      return output;
    } catch (KustomizeException e) {
      throw new RenderException(e.getMessage(), e);
    } catch (RuntimeException e) {
      if (fallback == null) {
        throw new RenderException("the native engine failed on " + dir + ": " + e, e);
      }
      String output = fallback.build(tree, dir);
      notes.set(List.of("rendered with " + fallback.name() + ": the native engine failed (" + e + ")"));
      return output;
    }
  }

  /**
   * kustomize's build warnings (deprecated fields) as report notes, each naming its kustomization
   * file: once each, though kustomize prints a base's again every time it is loaded.
   */
  static List<String> warnings(List<dev.foresight.kustomize.BuildWarning> warnings) {
    return warnings.stream().map(dev.foresight.kustomize.BuildWarning::message).distinct().toList();
  }

  @Override
  public List<String> notes() {
    return notes.get();
  }

  @Override
  public String name() {
    return "native";
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public void close() {
    if (fallback != null) {
      fallback.close();
    }
  }

  /** Size and time of the code the engine was loaded from: a rebuilt engine does not reuse old cache entries. */
  /**
   * What identifies the engine's code in cache keys: the jar's size and time, or, when the engine
   * runs from a classes directory (a development build), a digest of its files' names, sizes and
   * times — the same for every engine of the same build, different after a rebuild.
   */
  private static String codeFingerprint() {
    return CodeFingerprint.VALUE;
  }

  private static final class CodeFingerprint {
    static final String VALUE = compute();

    private static String compute() {
      try {
        Path code = Path.of(Kustomizer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(code)) {
          return Files.size(code) + "@" + Files.getLastModifiedTime(code).toMillis();
        }
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        try (var files = Files.walk(code)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            digest.update((code.relativize(file) + ":" + Files.size(file) + ":"
                + Files.getLastModifiedTime(file).toMillis() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
        }
        return "dev@" + java.util.HexFormat.of().formatHex(digest.digest(), 0, 8);
      } catch (IOException | java.net.URISyntaxException | java.security.NoSuchAlgorithmException
          | RuntimeException e) {
        return "unknown@" + System.nanoTime(); // never reuse a render of code we cannot identify
      }
    }
  }
}
