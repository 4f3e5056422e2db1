package dev.foresight.renderer.flux;

/**
 * The glob matching of Flux's {@code ${var#pattern}} family (fluxcd/pkg {@code envsubst/path}, Go's
 * {@code path.Match} with {@code /} not special and a trailing {@code *} matching the rest), over
 * UTF-8 bytes: {@code *} any sequence, {@code ?} one character, {@code [a-z]}/{@code [^a-z]} a class,
 * {@code \c} the character c. Malformed patterns are detected lazily, as there: an error surfaces
 * only when the matcher reaches the bad part.
 */
final class ShellPattern {

  /** A malformed pattern (Go's {@code ErrBadPattern}); callers leave the value unchanged then. */
  static final class BadPattern extends Exception {
    BadPattern() {
      super("syntax error in pattern", null, false, false);
    }
  }

  private static final int RUNE_ERROR = 0xFFFD;

  private ShellPattern() {}

  /** True when {@code pattern} matches all of {@code name}. */
  static boolean matches(byte[] pattern, byte[] name) throws BadPattern {
    int p = 0;
    int n = 0;
    next:
    while (p < pattern.length) {
      boolean star = false;
      while (p < pattern.length && pattern[p] == '*') {
        p++;
        star = true;
      }
      int chunkStart = p;
      int chunkEnd = chunkEnd(pattern, p);
      p = chunkEnd;
      if (star && chunkStart == chunkEnd) {
        return true;
      }
      Chunk here = matchChunk(pattern, chunkStart, chunkEnd, name, n);
      if (here.matched && (here.rest == name.length || p < pattern.length)) {
        n = here.rest;
        continue;
      }
      if (here.error) {
        throw new BadPattern();
      }
      if (star) {
        for (int i = n; i < name.length; i++) {
          Chunk skipped = matchChunk(pattern, chunkStart, chunkEnd, name, i + 1);
          if (skipped.matched) {
            if (p == pattern.length && skipped.rest < name.length) {
              continue;
            }
            n = skipped.rest;
            continue next;
          }
          if (skipped.error) {
            throw new BadPattern();
          }
        }
      }
      return false;
    }
    return n == name.length;
  }

  /** The end of the chunk starting at {@code from}: up to the next {@code *} outside a class. */
  private static int chunkEnd(byte[] pattern, int from) {
    boolean inRange = false;
    int i = from;
    for (; i < pattern.length; i++) {
      byte b = pattern[i];
      if (b == '\\') {
        if (i + 1 < pattern.length) {
          i++;
        }
      } else if (b == '[') {
        inRange = true;
      } else if (b == ']') {
        inRange = false;
      } else if (b == '*' && !inRange) {
        break;
      }
    }
    return i;
  }

  private record Chunk(boolean matched, int rest, boolean error) {}

  private static final Chunk NO = new Chunk(false, 0, false);
  private static final Chunk BAD = new Chunk(false, 0, true);

  /** Matches pattern bytes {@code [c, end)} (no stars) against the start of {@code name[s..]}. */
  private static Chunk matchChunk(byte[] pattern, int c, int end, byte[] name, int s) {
    while (c < end) {
      if (s >= name.length) {
        return NO;
      }
      byte b = pattern[c];
      if (b == '[') {
        long rune = decode(name, s, name.length);
        int r = (int) rune;
        s += (int) (rune >>> 32);
        c++;
        boolean notNegated = true;
        if (c < end && pattern[c] == '^') {
          notNegated = false;
          c++;
        }
        boolean match = false;
        int ranges = 0;
        while (true) {
          if (c < end && pattern[c] == ']' && ranges > 0) {
            c++;
            break;
          }
          long lo = escaped(pattern, c, end);
          if (lo < 0) {
            return BAD;
          }
          c = (int) (lo >>> 32);
          long hi = lo;
          if (pattern[c] == '-') {
            hi = escaped(pattern, c + 1, end);
            if (hi < 0) {
              return BAD;
            }
            c = (int) (hi >>> 32);
          }
          if ((int) lo <= r && r <= (int) hi) {
            match = true;
          }
          ranges++;
        }
        if (match != notNegated) {
          return NO;
        }
      } else if (b == '?') {
        s += (int) (decode(name, s, name.length) >>> 32);
        c++;
      } else {
        if (b == '\\') {
          c++;
          if (c >= end) {
            return BAD;
          }
        }
        if (pattern[c] != name[s]) {
          return NO;
        }
        s++;
        c++;
      }
    }
    return new Chunk(true, s, false);
  }

  /**
   * A possibly escaped character of a class at {@code c}: {@code (index after it) << 32 | rune}, or
   * -1 when malformed (empty, {@code -} or {@code ]} first, a bad byte, or nothing after it).
   */
  private static long escaped(byte[] pattern, int c, int end) {
    if (c >= end || pattern[c] == '-' || pattern[c] == ']') {
      return -1;
    }
    if (pattern[c] == '\\') {
      c++;
      if (c >= end) {
        return -1;
      }
    }
    long rune = decode(pattern, c, end);
    int width = (int) (rune >>> 32);
    if ((int) rune == RUNE_ERROR && width == 1) {
      return -1;
    }
    int after = c + width;
    if (after >= end) {
      return -1;
    }
    return ((long) after << 32) | (rune & 0xFFFFFFFFL);
  }

  /**
   * Go's {@code utf8.DecodeRune} of {@code bytes[at..end)}: {@code width << 32 | rune}, with
   * {@code U+FFFD} and width 1 for an invalid or truncated sequence.
   */
  static long decode(byte[] bytes, int at, int end) {
    int b0 = bytes[at] & 0xFF;
    if (b0 < 0x80) {
      return (1L << 32) | b0;
    }
    int width;
    int lo = 0x80;
    int hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      width = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      width = 3;
      lo = b0 == 0xE0 ? 0xA0 : 0x80;
      hi = b0 == 0xED ? 0x9F : 0xBF;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      width = 4;
      lo = b0 == 0xF0 ? 0x90 : 0x80;
      hi = b0 == 0xF4 ? 0x8F : 0xBF;
    } else {
      return (1L << 32) | RUNE_ERROR;
    }
    if (at + width > end) {
      return (1L << 32) | RUNE_ERROR;
    }
    int rune = b0 & (0xFF >> (width + 1));
    for (int i = 1; i < width; i++) {
      int b = bytes[at + i] & 0xFF;
      if (i == 1 ? b < lo || b > hi : b < 0x80 || b > 0xBF) {
        return (1L << 32) | RUNE_ERROR;
      }
      rune = rune << 6 | b & 0x3F;
    }
    return ((long) width << 32) | rune;
  }
}
