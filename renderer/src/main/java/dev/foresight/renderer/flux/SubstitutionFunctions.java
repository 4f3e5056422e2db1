package dev.foresight.renderer.flux;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What each operator of Flux's post-build substitution does to a value (fluxcd/pkg {@code envsubst}
 * {@code funcs.go}, read as the specification). Go strings are bytes: lengths, offsets and pattern
 * trims count UTF-8 bytes, as there. Where Go would cut a character in two (invalid UTF-8, which
 * kustomize-controller then fails to parse) or panic, {@link Inexact} is thrown so the caller reports
 * it instead of rendering something Flux would not.
 *
 * <ul>
 *   <li>{@code #} without argument: the length in bytes; {@code ^}/{@code ^^}/{@code ,}/{@code ,,}:
 *       first or all characters upper/lower case (simple case mapping);
 *   <li>{@code :pos[:len]}: bytes from pos (negative counts from the end); a position or length
 *       that is not a decimal integer leaves the value unchanged;
 *   <li>{@code #}/{@code ##} and {@code %}/{@code %%}: remove the shortest/longest non-empty prefix or
 *       suffix matching a glob; the suffix forms reverse value and pattern by characters first;
 *   <li>{@code /}, {@code //}: replace the first/every literal occurrence (no glob); {@code /#},
 *       {@code /%}: only as prefix/suffix, and only with a replacement given;
 *   <li>{@code =}, {@code :=}, {@code :-}, {@code :?}, {@code :+} and any other operator: the value,
 *       or the arguments joined when the value is empty (so {@code :+} and {@code :?} are defaults
 *       too, unlike bash).
 * </ul>
 */
final class SubstitutionFunctions {

  /** Flux's result would differ from any text we could render (invalid UTF-8, a Go panic). */
  static final class Inexact extends Exception {
    Inexact(String message) {
      super(message, null, false, false);
    }
  }

  private static final Pattern GO_INT = Pattern.compile("[+-]?[0-9]+");

  private SubstitutionFunctions() {}

  /** True for the operators that supply their own value when the variable is unset (strict mode). */
  static boolean isDefault(String op) {
    return switch (op) {
      case "-", "+", "=", "?", ":-", ":+", ":=", ":?" -> true;
      default -> false;
    };
  }

  static String apply(String op, String value, List<String> args) throws Inexact {
    return switch (op) {
      case "," -> first(value, false);
      case ",," -> map(value, false);
      case "^" -> first(value, true);
      case "^^" -> map(value, true);
      case "#" -> args.isEmpty() ? Integer.toString(bytes(value).length) : trim(value, args.get(0), true, false);
      case "##" -> trim(value, args.get(0), false, false);
      case "%" -> trim(value, args.get(0), true, true);
      case "%%" -> trim(value, args.get(0), false, true);
      case ":" -> substring(value, args);
      case "/#" -> args.size() == 2 && value.startsWith(args.get(0))
          ? args.get(1) + value.substring(args.get(0).length()) : value;
      case "/%" -> args.size() == 2 && value.endsWith(args.get(0))
          ? value.substring(0, value.length() - args.get(0).length()) + args.get(1) : value;
      case "/" -> args.isEmpty() ? value : replace(value, args.get(0), args.size() > 1 ? args.get(1) : "", false);
      case "//" -> args.isEmpty() ? value : replace(value, args.get(0), args.size() > 1 ? args.get(1) : "", true);
      default -> value.isEmpty() && !args.isEmpty() ? String.join("", args) : value;
    };
  }

  private static String first(String value, boolean upper) {
    if (value.isEmpty()) {
      return value;
    }
    int c = value.codePointAt(0);
    int mapped = upper ? Character.toUpperCase(c) : Character.toLowerCase(c);
    return new StringBuilder().appendCodePoint(mapped).append(value, Character.charCount(c), value.length())
        .toString();
  }

  private static String map(String value, boolean upper) {
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> out.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
    return out.toString();
  }

  private static String substring(String value, List<String> args) throws Inexact {
    byte[] s = bytes(value);
    Long pos = goInt(args.get(0));
    if (pos == null) {
      return value;
    }
    long p = pos;
    if (p < 0) {
      p = Math.max(0, s.length + p);
    }
    if (args.size() == 1) {
      return p < s.length ? slice(s, (int) p, s.length) : "";
    }
    Long length = goInt(args.get(1));
    if (length == null) {
      return value;
    }
    long end;
    try {
      end = Math.addExact(p, length);
    } catch (ArithmeticException e) {
      throw new Inexact("offset plus length overflows; Flux's envsubst fails on it (slice bounds out of range)");
    }
    if (end >= s.length) {
      return p < s.length ? slice(s, (int) p, s.length) : "";
    }
    if (end < p) {
      throw new Inexact("a negative length; Flux's envsubst fails on it (slice bounds out of range)");
    }
    return slice(s, (int) p, (int) end);
  }

  /** Go's {@code strconv.Atoi} (64-bit): null when not a decimal integer or out of range. */
  private static Long goInt(String text) {
    if (!GO_INT.matcher(text).matches()) {
      return null;
    }
    try {
      return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Go's {@code strings.Replace} with n = 1 or all; an empty {@code old} matches before every
   * character and at the end.
   */
  private static String replace(String value, String old, String replacement, boolean all) {
    if (!old.isEmpty()) {
      if (all) {
        return value.replace(old, replacement);
      }
      int at = value.indexOf(old);
      return at < 0 ? value : value.substring(0, at) + replacement + value.substring(at + old.length());
    }
    if (!all) {
      return replacement + value;
    }
    StringBuilder out = new StringBuilder(replacement);
    value.codePoints().forEach(c -> out.appendCodePoint(c).append(replacement));
    return out.toString();
  }

  private static String trim(String value, String pattern, boolean shortest, boolean suffix) throws Inexact {
    if (!suffix) {
      return decodeStrict(trimPrefix(bytes(value), bytes(pattern), shortest));
    }
    byte[] reversed = trimPrefix(bytes(reverse(value)), bytes(reverse(pattern)), shortest);
    return reverse(decodeLenient(reversed));
  }

  /** envsubst's {@code trimShortest}/{@code trimLongest}: non-empty prefixes, longest first. */
  private static byte[] trimPrefix(byte[] s, byte[] pattern, boolean shortest) {
    int cut = 0;
    for (int i = 0; i < s.length; i++) {
      int end = s.length - i;
      byte[] prefix = Arrays.copyOf(s, end);
      boolean match;
      try {
        match = ShellPattern.matches(pattern, prefix);
      } catch (ShellPattern.BadPattern e) {
        return s;
      }
      if (match) {
        cut = end;
        if (!shortest) {
          break;
        }
      }
    }
    return Arrays.copyOfRange(s, cut, s.length);
  }

  private static String reverse(String value) {
    int[] cps = value.codePoints().toArray();
    StringBuilder out = new StringBuilder(value.length());
    for (int i = cps.length - 1; i >= 0; i--) {
      out.appendCodePoint(cps[i]);
    }
    return out.toString();
  }

  private static String slice(byte[] s, int from, int to) throws Inexact {
    return decodeStrict(Arrays.copyOfRange(s, from, to));
  }

  private static byte[] bytes(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  private static String decodeStrict(byte[] bytes) throws Inexact {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Inexact("the result cuts a multi-byte character in two (envsubst counts bytes); the invalid UTF-8"
          + " it yields makes kustomize-controller fail to parse the object");
    }
  }

  /** Go's {@code []rune(string)}: every byte of an invalid sequence becomes U+FFFD. */
  private static String decodeLenient(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bytes.length; ) {
      long rune = ShellPattern.decode(bytes, i, bytes.length);
      out.appendCodePoint((int) rune);
      i += (int) (rune >>> 32);
    }
    return out.toString();
  }
}
