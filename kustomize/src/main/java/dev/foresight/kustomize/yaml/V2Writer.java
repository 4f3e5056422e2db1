package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.yaml.OutputModel.MapValue;
import dev.foresight.kustomize.yaml.OutputModel.Plain;
import dev.foresight.kustomize.yaml.OutputModel.SeqValue;
import dev.foresight.kustomize.yaml.OutputModel.Text;
import dev.foresight.kustomize.yaml.OutputModel.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Writes one document the way go-yaml v2's emitter does with its defaults (indent 2, line width
 * 80, unicode on, sequences in mappings not indented): same style choices, same quoting, same
 * line folding of long scalars.
 */
final class V2Writer {

  private static final int BEST_INDENT = 2;
  private static final int BEST_WIDTH = 80;

  private enum Style { PLAIN, SINGLE, DOUBLE, LITERAL }

  private final StringBuilder out = new StringBuilder();
  private final Deque<Integer> indents = new ArrayDeque<>();
  private int indent = -1;
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private boolean openEnded;
  private int flowLevel;

  private boolean rootContext;
  private boolean mappingContext;
  private boolean simpleKeyContext;

  static String write(Value document) {
    V2Writer w = new V2Writer();
    w.node(document, true, false, false, false);
    w.writeIndent();
    if (w.openEnded) {
      w.writeIndicator("...", true, false, false);
      w.writeIndent();
    }
    return w.out.toString();
  }

  private void node(Value v, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
    rootContext = root;
    mappingContext = mapping;
    simpleKeyContext = simpleKey;
    if (v instanceof MapValue m) {
      if (flowLevel > 0 || m.entries().isEmpty()) {
        emptyFlow("{", "}");
      } else {
        blockMapping(m);
      }
    } else if (v instanceof SeqValue s) {
      if (flowLevel > 0 || s.items().isEmpty()) {
        emptyFlow("[", "]");
      } else {
        blockSequence(s);
      }
    } else if (v instanceof Text t) {
      String s = t.text();
      boolean canUsePlain = Tags.STR.equals(Resolver.v2Tag(s)) && !Resolver.isBase60Float(s);
      Style style = s.contains("\n") ? Style.LITERAL : canUsePlain ? Style.PLAIN : Style.DOUBLE;
      scalar(s, style);
    } else {
      scalar(((Plain) v).text(), Style.PLAIN);
    }
  }

  private void emptyFlow(String open, String close) {
    writeIndicator(open, true, true, false);
    increaseIndent(true, false);
    flowLevel++;
    flowLevel--;
    indent = indents.pop();
    writeIndicator(close, false, false, false);
  }

  private void blockSequence(SeqValue s) {
    increaseIndent(false, mappingContext && !indention);
    for (Value item : s.items()) {
      writeIndent();
      writeIndicator("-", true, false, true);
      node(item, false, true, false, false);
    }
    indent = indents.pop();
  }

  private void blockMapping(MapValue m) {
    increaseIndent(false, false);
    for (Map.Entry<String, Value> e : m.entries()) {
      writeIndent();
      Text key = new Text(e.getKey());
      if (simpleKey(e.getKey())) {
        node(key, false, false, true, true);
        writeIndicator(":", false, false, false);
      } else {
        writeIndicator("?", true, false, true);
        node(key, false, false, true, false);
        writeIndent();
        writeIndicator(":", true, false, true);
      }
      node(e.getValue(), false, false, true, false);
    }
    indent = indents.pop();
  }

  private static boolean simpleKey(String key) {
    return !analyze(key).multiline && key.getBytes(StandardCharsets.UTF_8).length <= 128;
  }

  private void increaseIndent(boolean flow, boolean indentless) {
    indents.push(indent);
    if (indent < 0) {
      indent = flow ? BEST_INDENT : 0;
    } else if (!indentless) {
      indent += BEST_INDENT;
    }
  }

  // ---- scalars

  private static final class Analysis {
    boolean multiline;
    boolean flowPlainAllowed;
    boolean blockPlainAllowed;
    boolean singleQuotedAllowed;
    boolean blockAllowed;
  }

  private void scalar(String value, Style requested) {
    Analysis a = analyze(value);
    Style style = requested;
    if (simpleKeyContext && a.multiline) {
      style = Style.DOUBLE;
    }
    if (style == Style.PLAIN) {
      if ((flowLevel > 0 && !a.flowPlainAllowed) || (flowLevel == 0 && !a.blockPlainAllowed)) {
        style = Style.SINGLE;
      }
      if (value.isEmpty() && (flowLevel > 0 || simpleKeyContext)) {
        style = Style.SINGLE;
      }
    }
    if (style == Style.SINGLE && !a.singleQuotedAllowed) {
      style = Style.DOUBLE;
    }
    if (style == Style.LITERAL && (!a.blockAllowed || flowLevel > 0 || simpleKeyContext)) {
      style = Style.DOUBLE;
    }
    increaseIndent(true, false);
    int[] cps = value.codePoints().toArray();
    switch (style) {
      case PLAIN -> writePlain(cps, !simpleKeyContext);
      case SINGLE -> writeSingle(cps, !simpleKeyContext);
      case DOUBLE -> writeDouble(cps, !simpleKeyContext);
      case LITERAL -> writeLiteral(cps);
    }
    indent = indents.pop();
  }

  private static boolean isPrintable(int c) {
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }

  private static boolean isBreak(int c) {
    return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private static boolean isBlank(int c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isBlankz(int c) {
    return isBlank(c) || isBreak(c) || c == 0;
  }

  private static Analysis analyze(String value) {
    Analysis r = new Analysis();
    if (value.isEmpty()) {
      r.multiline = false;
      r.flowPlainAllowed = false;
      r.blockPlainAllowed = true;
      r.singleQuotedAllowed = true;
      r.blockAllowed = false;
      return r;
    }
    int[] v = value.codePoints().toArray();
    boolean blockIndicators = false;
    boolean flowIndicators = false;
    boolean lineBreaks = false;
    boolean special = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean previousSpace = false;
    boolean previousBreak = false;
    if (value.startsWith("---") || value.startsWith("...")) {
      blockIndicators = true;
      flowIndicators = true;
    }
    boolean precededByWhitespace = true;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      boolean followedByWhitespace = i + 1 >= v.length || isBlank(v[i + 1]);
      if (i == 0) {
        switch (c) {
          case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
            flowIndicators = true;
            blockIndicators = true;
          }
          case '?', ':' -> {
            flowIndicators = true;
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          case '-' -> {
            if (followedByWhitespace) {
              flowIndicators = true;
              blockIndicators = true;
            }
          }
          default -> { }
        }
      } else {
        switch (c) {
          case ',', '?', '[', ']', '{', '}' -> flowIndicators = true;
          case ':' -> {
            flowIndicators = true;
            if (followedByWhitespace) {
              blockIndicators = true;
            }
          }
          case '#' -> {
            if (precededByWhitespace) {
              flowIndicators = true;
              blockIndicators = true;
            }
          }
          default -> { }
        }
      }
      if (!isPrintable(c)) {
        special = true;
      }
      if (c == ' ') {
        if (i == 0) {
          leadingSpace = true;
        }
        if (i == v.length - 1) {
          trailingSpace = true;
        }
        if (previousBreak) {
          breakSpace = true;
        }
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(c)) {
        lineBreaks = true;
        if (i == 0) {
          leadingBreak = true;
        }
        if (i == v.length - 1) {
          trailingBreak = true;
        }
        if (previousSpace) {
          spaceBreak = true;
        }
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlankz(c);
    }
    r.multiline = lineBreaks;
    r.flowPlainAllowed = true;
    r.blockPlainAllowed = true;
    r.singleQuotedAllowed = true;
    r.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      r.flowPlainAllowed = false;
      r.blockPlainAllowed = false;
    }
    if (trailingSpace) {
      r.blockAllowed = false;
    }
    if (breakSpace) {
      r.flowPlainAllowed = false;
      r.blockPlainAllowed = false;
      r.singleQuotedAllowed = false;
    }
    if (spaceBreak || special) {
      r.flowPlainAllowed = false;
      r.blockPlainAllowed = false;
      r.singleQuotedAllowed = false;
      r.blockAllowed = false;
    }
    if (lineBreaks) {
      r.flowPlainAllowed = false;
      r.blockPlainAllowed = false;
    }
    if (flowIndicators) {
      r.flowPlainAllowed = false;
    }
    if (blockIndicators) {
      r.blockPlainAllowed = false;
    }
    return r;
  }

  // ---- low-level writing

  private void put(char c) {
    out.append(c);
    column++;
  }

  private void putBreak() {
    out.append('\n');
    column = 0;
  }

  private void write(int cp) {
    out.appendCodePoint(cp);
    column++;
  }

  private void writeBreak(int cp) {
    if (cp == '\n') {
      putBreak();
    } else {
      out.appendCodePoint(cp);
      column = 0;
    }
  }

  private void writeIndent() {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      putBreak();
    }
    while (column < ind) {
      put(' ');
    }
    whitespace = true;
    indention = true;
  }

  private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(' ');
    }
    indicator.codePoints().forEach(this::write);
    whitespace = isWhitespace;
    indention = indention && isIndention;
    openEnded = false;
  }

  private void writePlain(int[] v, boolean allowBreaks) {
    if (!whitespace) {
      put(' ');
    }
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i + 1 < v.length && v[i + 1] != ' ') {
          writeIndent();
        } else {
          write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c == '\n') {
          putBreak();
        }
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        write(c);
        indention = false;
        spaces = false;
        breaks = false;
      }
    }
    whitespace = false;
    indention = false;
    if (rootContext) {
      openEnded = true;
    }
  }

  private void writeSingle(int[] v, boolean allowBreaks) {
    writeIndicator("'", true, false, false);
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < v.length - 1 && v[i + 1] != ' ') {
          writeIndent();
        } else {
          write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c == '\n') {
          putBreak();
        }
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        if (c == '\'') {
          put('\'');
        }
        write(c);
        indention = false;
        spaces = false;
        breaks = false;
      }
    }
    writeIndicator("'", false, false, false);
    whitespace = false;
    indention = false;
  }

  private void writeDouble(int[] v, boolean allowBreaks) {
    boolean spaces = false;
    writeIndicator("\"", true, false, false);
    boolean bom = v.length > 0 && v[0] == 0xFEFF;
    for (int i = 0; i < v.length; i++) {
      int c = v[i];
      if (!isPrintable(c) || bom || isBreak(c) || c == '"' || c == '\\') {
        put('\\');
        switch (c) {
          case 0x00 -> put('0');
          case 0x07 -> put('a');
          case 0x08 -> put('b');
          case 0x09 -> put('t');
          case 0x0A -> put('n');
          case 0x0B -> put('v');
          case 0x0C -> put('f');
          case 0x0D -> put('r');
          case 0x1B -> put('e');
          case 0x22 -> put('"');
          case 0x5C -> put('\\');
          case 0x85 -> put('N');
          case 0xA0 -> put('_');
          case 0x2028 -> put('L');
          case 0x2029 -> put('P');
          default -> {
            int width;
            if (c <= 0xFF) {
              put('x');
              width = 2;
            } else if (c <= 0xFFFF) {
              put('u');
              width = 4;
            } else {
              put('U');
              width = 8;
            }
            for (int k = (width - 1) * 4; k >= 0; k -= 4) {
              int digit = (c >> k) & 0x0F;
              put((char) (digit < 10 ? '0' + digit : 'A' + digit - 10));
            }
          }
        }
        spaces = false;
      } else if (c == ' ') {
        if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          writeIndent();
          if (v[i + 1] == ' ') {
            put('\\');
          }
        } else {
          write(c);
        }
        spaces = true;
      } else {
        write(c);
        spaces = false;
      }
    }
    writeIndicator("\"", false, false, false);
    whitespace = false;
    indention = false;
  }

  private void writeBlockHints(int[] v) {
    if (v.length > 0 && (v[0] == ' ' || isBreak(v[0]))) {
      writeIndicator(Integer.toString(BEST_INDENT), false, false, false);
    }
    openEnded = false;
    String chomp = null;
    if (v.length == 0) {
      chomp = "-";
    } else {
      int i = v.length - 1;
      if (!isBreak(v[i])) {
        chomp = "-";
      } else if (i == 0) {
        chomp = "+";
        openEnded = true;
      } else if (isBreak(v[i - 1])) {
        chomp = "+";
        openEnded = true;
      }
    }
    if (chomp != null) {
      writeIndicator(chomp, false, false, false);
    }
  }

  private void writeLiteral(int[] v) {
    writeIndicator("|", true, false, false);
    writeBlockHints(v);
    putBreak();
    indention = true;
    whitespace = true;
    boolean breaks = true;
    for (int c : v) {
      if (isBreak(c)) {
        writeBreak(c);
        indention = true;
        breaks = true;
      } else {
        if (breaks) {
          writeIndent();
        }
        write(c);
        indention = false;
        breaks = false;
      }
    }
  }
}
