package dev.foresight.kustomize.yaml;

/**
 * What a folded ({@code >}) scalar becomes when kustomize turns a resource into JSON.
 *
 * <p>kyaml's {@code MarshalJSON} writes the node tree with go-yaml v3 keeping every node's style,
 * then reads that text back. go-yaml v3's folded-scalar writer decides whether a line break needs
 * an extra break (a single break between two lines that do not start with a blank would fold into
 * a space) by looking at the first non-break character of the <em>whole value</em> instead of the
 * character after the current break. So when the value's first character is not a blank, every
 * {@code \n} that ends a line not starting with a blank is written with an extra break, also where
 * none was needed: before a more-indented line, before a run of empty lines ending in one, and at
 * the end of the value. Reading the text back keeps those extra breaks; the value gains newlines
 * there (for {@code >} and {@code >-} the ones at the end are chomped again, for {@code >+} they
 * stay). The writer never wraps (v3's default width is unlimited).
 *
 * <p>The writer only writes a block scalar when v3's scalar analysis allows it and the scalar is
 * not in a flow collection or a key; otherwise it writes a double-quoted scalar, which reads back
 * unchanged. See docs/adr/0008-yaml-round-trip.md.
 */
public final class FoldedScalar {

  /** Content indentation of the written block; any positive value gives the same result. */
  private static final int INDENT = 2;

  private FoldedScalar() {}

  /**
   * The value go-yaml v3 reads back after writing {@code value} from a folded-style node in block
   * context; {@code value} itself when v3 would not write it as a block scalar.
   */
  public static String afterRoundTrip(String value) {
    if (!blockAllowed(value)) {
      return value;
    }
    return rescan(write(value), chomping(value));
  }

  /**
   * go-yaml v3's {@code yaml_emitter_analyze_scalar} verdict for block styles: not empty, no
   * trailing space, no space right before a line break, only printable characters (tab allowed;
   * NEL, CR, C0/C1 controls, BOM and characters outside the BMP are not "printable" there).
   */
  static boolean blockAllowed(String value) {
    if (value.isEmpty() || value.charAt(value.length() - 1) == ' ') {
      return false;
    }
    boolean previousSpace = false;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      if (cp != '\t' && !printable(cp)) {
        return false;
      }
      if (isBreak(cp) && previousSpace) {
        return false;
      }
      previousSpace = cp == ' ';
      i += Character.charCount(cp);
    }
    return true;
  }

  private static boolean printable(int cp) {
    return cp == 0x0A
        || (cp >= 0x20 && cp <= 0x7E)
        || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
  }

  /** go-yaml's {@code is_break}: LF, CR, NEL, LS, PS. */
  private static boolean isBreak(int c) {
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }

  /** -1 strip, 0 clip, +1 keep: the chomping indicator v3's writer puts after {@code >}. */
  private static int chomping(String value) {
    int last = value.charAt(value.length() - 1);
    if (!isBreak(last)) {
      return -1;
    }
    if (value.length() == 1 || isBreak(value.charAt(value.length() - 2))) {
      return 1;
    }
    return 0;
  }

  /**
   * The block body go-yaml v3's {@code yaml_emitter_write_folded_scalar} writes, from the line
   * after the indicator, content lines indented by {@link #INDENT}.
   */
  static String write(String value) {
    // the misplaced look-ahead: v3 starts it at index 0, not at the current break
    int k = 0;
    while (k < value.length() && isBreak(value.charAt(k))) {
      k++;
    }
    boolean extraBreaks = k < value.length() && !isBlank(value.charAt(k));
    StringBuilder out = new StringBuilder();
    boolean breaks = true;
    boolean leadingSpaces = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isBreak(c)) {
        if (!breaks && !leadingSpaces && c == '\n' && extraBreaks) {
          out.append('\n');
        }
        out.append(c);
        breaks = true;
      } else {
        if (breaks) {
          out.append(" ".repeat(INDENT));
          leadingSpaces = isBlank(c);
        }
        out.append(c);
        breaks = false;
      }
    }
    return out.toString();
  }

  /**
   * go-yaml v3's {@code yaml_parser_scan_block_scalar} on a folded body indented by
   * {@link #INDENT} (known: the writer gives an indentation indicator whenever the first line
   * could not tell it).
   */
  static String rescan(String body, int chomping) {
    Cursor in = new Cursor(body);
    StringBuilder s = new StringBuilder();
    StringBuilder leadingBreak = new StringBuilder();
    StringBuilder trailingBreaks = new StringBuilder();
    in.breaks(trailingBreaks);
    boolean leadingBlank = false;
    while (in.column == INDENT && !in.atEnd()) {
      boolean trailingBlank = isBlank(in.peek());
      if (!leadingBlank && !trailingBlank && leadingBreak.length() > 0 && leadingBreak.charAt(0) == '\n') {
        if (trailingBreaks.length() == 0) {
          s.append(' ');
        }
      } else {
        s.append(leadingBreak);
      }
      leadingBreak.setLength(0);
      s.append(trailingBreaks);
      trailingBreaks.setLength(0);
      leadingBlank = isBlank(in.peek());
      while (!in.atEnd() && !isBreak(in.peek())) {
        s.append(in.next());
      }
      in.line(leadingBreak);
      in.breaks(trailingBreaks);
    }
    if (chomping != -1) {
      s.append(leadingBreak);
    }
    if (chomping == 1) {
      s.append(trailingBreaks);
    }
    return s.toString();
  }

  /** A position in the written body, with go-yaml's column count. */
  private static final class Cursor {
    private final String text;
    private int pos;
    int column;

    Cursor(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    char peek() {
      return text.charAt(pos);
    }

    char next() {
      column++;
      return text.charAt(pos++);
    }

    /** go-yaml's {@code read_line}: one break, CR LF and NEL read as LF, LS/PS as themselves. */
    void line(StringBuilder into) {
      if (atEnd()) {
        return;
      }
      char c = text.charAt(pos);
      if (c == '\r' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
        into.append('\n');
        pos += 2;
      } else if (c == '\r' || c == '\n' || c == 0x85) {
        into.append('\n');
        pos++;
      } else if (c == 0x2028 || c == 0x2029) {
        into.append(c);
        pos++;
      } else {
        return;
      }
      column = 0;
    }

    /** go-yaml's {@code yaml_parser_scan_block_scalar_breaks} with a known indentation. */
    void breaks(StringBuilder into) {
      while (true) {
        while (column < INDENT && !atEnd() && peek() == ' ') {
          next();
        }
        if (atEnd() || !isBreak(peek())) {
          return;
        }
        line(into);
      }
    }
  }
}
