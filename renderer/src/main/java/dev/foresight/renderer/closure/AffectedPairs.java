package dev.foresight.renderer.closure;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, without rendering, whether a change can affect one profile x Flux Kustomization pair.
 *
 * <p>A pair's output at one side is a function of: the Flux Kustomization object (its spec:
 * path, patches, images, targetNamespace, components, postBuild.substitute, ...), the files its
 * build reads (its {@link Closure}), the content of its substituteFrom sources, and the engine. The
 * engine is the same at both sides of a plan. So a pair whose object text is equal at both sides,
 * whose substitution sources have equal digests, and whose closures (both complete, no remote
 * input) contain none of the changed paths renders byte for byte the same: it is skipped.
 *
 * <p><b>Profile entries.</b> The Flux objects themselves come out of rendering the profile entry
 * (e.g. {@code profiles/<p>/}), whose own inputs (its {@link Closure}) may change. The planner must
 * therefore take each pair's object text from the profile rendered at <em>each</em> side — unless
 * {@link #profileUnchanged} holds, in which case head's profile output equals base's and may be
 * reused. A change to a profile's inputs thus re-evaluates every pair of that profile, and the
 * spec comparison keeps exactly those whose object actually changed: e.g. editing
 * {@code cluster_name} in {@code profiles/p/apps.yaml} changes the {@code apps} object's text (so
 * {@code apps} is affected) and leaves {@code infrastructure}'s text as it was (so it is not).
 * Pairs present on one side only are always affected.
 */
public final class AffectedPairs {

  /**
   * The key of {@link Side#sourceDigests()} whose digest covers the source's ignore rules beyond
   * its {@code .sourceignore} files ({@code GitRepository.spec.ignore}, defaults on or off); for an
   * ExternalArtifact, {@code SOURCE_IGNORE + "@" + alias} is that of the GitRepository an alias
   * copies from.
   */
  public static final String SOURCE_IGNORE = "sourceignore";

  private AffectedPairs() {}

  /**
   * One side of a pair.
   *
   * @param spec the Flux Kustomization object as canonical text (its YAML document as the profile
   *     rendered it, or {@link #canonical(Object)} of the parsed object); equal text = equal object
   * @param closure the closure of its build at that side ({@code spec.path} + {@code spec.components})
   * @param sourceDigests digest per substituteFrom source ({@code kind/name} → digest; a missing
   *     optional source has no entry or a fixed marker), empty when there are none
   */
  public record Side(String spec, Closure closure, Map<String, String> sourceDigests) {
    public Side {
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(closure, "closure");
      sourceDigests = Map.copyOf(sourceDigests == null ? Map.of() : sourceDigests);
    }
  }

  /** The decision for one pair; {@code reason} says why, for the plan and the report. */
  public record Decision(boolean affected, String reason) {
    static Decision affected(String reason) {
      return new Decision(true, reason);
    }
  }

  /**
   * Whether the pair can differ between {@code base} and {@code head} (either may be null: the
   * pair is absent on that side).
   */
  public static Decision decide(Side base, Side head, Set<String> changedPaths) {
    if (base == null && head == null) {
      return new Decision(false, "absent on both sides");
    }
    if (base == null) {
      return Decision.affected("added: present at head only");
    }
    if (head == null) {
      return Decision.affected("removed: present at base only");
    }
    if (!base.spec().equals(head.spec())) {
      return Decision.affected("the Flux Kustomization object changed");
    }
    if (!ignoreDigests(base).equals(ignoreDigests(head))) {
      return Decision.affected("the GitRepository's ignore rules changed (its spec.ignore, or a .sourceignore file"
          + " added or emptied, which turns source-controller's default exclusions off or on)");
    }
    if (!base.sourceDigests().equals(head.sourceDigests())) {
      return Decision.affected("a substituteFrom source changed");
    }
    for (Side side : new Side[] {base, head}) {
      String which = side == base ? "base" : "head";
      if (side.closure().incomplete()) {
        return Decision.affected("inputs not known statically at " + which + ": " + side.closure().problems().get(0));
      }
      if (!side.closure().remote().isEmpty()) {
        return Decision.affected("reads remote content at " + which + ": " + side.closure().remote().iterator().next());
      }
    }
    for (Side side : new Side[] {base, head}) {
      if (side.closure().intersects(changedPaths)) {
        return Decision.affected("an input changed: " + firstHit(side.closure(), changedPaths));
      }
    }
    return new Decision(false, "unchanged: no input of the build changed (" + changedPaths.size() + " paths changed)");
  }

  /** The ignore-rule digests of a side ({@link #SOURCE_IGNORE} and {@code SOURCE_IGNORE@alias}). */
  private static Map<String, String> ignoreDigests(Side side) {
    Map<String, String> out = new TreeMap<>();
    side.sourceDigests().forEach((key, digest) -> {
      if (key.equals(SOURCE_IGNORE) || key.startsWith(SOURCE_IGNORE + "@")) {
        out.put(key, digest);
      }
    });
    return out;
  }

  /**
   * True when a profile entry rendered at base necessarily renders the same at head, so its Flux
   * objects may be taken from base for both sides. False means: render it at head too and compare
   * each pair's object text.
   */
  public static boolean profileUnchanged(Closure profileBase, Closure profileHead, Set<String> changedPaths) {
    return !profileBase.alwaysAffected() && !profileHead.alwaysAffected()
        && !profileBase.intersects(changedPaths) && !profileHead.intersects(changedPaths);
  }

  /**
   * A canonical text of a parsed YAML/JSON value: maps with keys sorted, lists in order, scalars
   * with their type, so two objects that parse equal give equal text.
   */
  public static String canonical(Object value) {
    StringBuilder out = new StringBuilder();
    canonical(value, out);
    return out.toString();
  }

  private static void canonical(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        quote(e.getKey(), out);
        out.append(':');
        canonical(e.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Iterable<?> list) {
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "" : ",");
        first = false;
        canonical(item, out);
      }
      out.append(']');
    } else if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      quote(s, out);
    } else if (value instanceof byte[] bytes) {
      out.append("!!binary");
      quote(java.util.Base64.getEncoder().encodeToString(bytes), out);
    } else {
      out.append('!').append(value.getClass().getSimpleName()).append(':').append(value);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static String firstHit(Closure closure, Set<String> changedPaths) {
    for (String path : changedPaths) {
      if (closure.intersects(Set.of(path))) {
        return path;
      }
    }
    return "?";
  }
}
