package dev.foresight.renderer.flux;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ${...}} syntax of Flux's post-build substitution (fluxcd/pkg {@code envsubst}, a fork
 * of drone/envsubst), parsed exactly as that scanner does, read as the specification:
 *
 * <ul>
 *   <li>outside an expression, {@code $$} is an escape for one {@code $} (so {@code $${x}} is the
 *       text {@code ${x}}); a backslash is plain text;
 *   <li>a name is one or more letters, digits or {@code _} (a leading digit is accepted);
 *   <li>after the name: <code>}</code> alone, {@code :=}/{@code :-}/{@code :?}/{@code :+}/{@code =}
 *       followed by a default (text and nested expressions up to the closing brace), {@code :pos} or
 *       {@code :pos:len}, {@code ,}/{@code ,,}/{@code ^}/{@code ^^} (any two of these), {@code #}/{@code ##}
 *       and {@code %}/{@code %%} followed by a pattern, {@code /}/{@code //}/{@code /#}/{@code /%}
 *       followed by a pattern, one or more {@code /} and an optional replacement (where {@code \/},
 *       {@code \\} and {@code $$} are escapes); {@code ${#name}} is the length;
 *   <li>anything else after <code>${</code>, e.g. {@code ${var-default}}, {@code ${a b}}, <code>${}</code> or an
 *       unclosed expression, is a syntax error: the whole build fails in kustomize-controller.
 * </ul>
 */
final class SubstitutionSyntax {

  /** Text, or an expression {@code ${param<op>args}} spanning {@code [start, end)} of the source. */
  sealed interface Node permits Text, Expression {}

  record Text(String value) implements Node {}

  record Expression(String param, String op, List<Node> args, int start, int end) implements Node {}

  /** A syntax error at {@code start} (the {@code $} of the outermost expression), as envsubst words it. */
  static final class SyntaxError extends Exception {
    final int start;

    SyntaxError(String message, int start) {
      super(message);
      this.start = start;
    }
  }

  private enum Token { EOF, IDENT, LBRACK, RBRACK, ILLEGAL }

  private interface Accept {
    boolean test(int c, int i);
  }

  private static final int IDENT = 1;
  private static final int LBRACK = 2;
  private static final int RBRACK = 4;
  private static final int ESCAPE = 8;

  private static final Accept ANY = (c, i) -> true;
  private static final Accept NAME = (c, i) -> Character.isLetter(c) || Character.isDigit(c) || c == '_';
  private static final Accept NOT_CLOSING = (c, i) -> c != '}';
  private static final Accept NOT_SLASH = (c, i) -> c != '/';
  private static final Accept SLASHES = (c, i) -> c == '/';
  private static final Accept COLONS = (c, i) -> c == ':';
  private static final Accept NOT_COLON_CLOSE = (c, i) -> c != ':' && c != '}';
  private static final Accept ONE_COLON = (c, i) -> i == 1 && c == ':';
  private static final Accept ONE_EQUAL = (c, i) -> i == 1 && c == '=';
  private static final Accept ONE_HASH = (c, i) -> i == 1 && c == '#';
  private static final Accept HASHES = (c, i) -> c == '#' && i < 3;
  private static final Accept PERCENTS = (c, i) -> c == '%' && i < 3;
  private static final Accept CASING = (c, i) -> (c == ',' || c == '^') && i < 3;
  private static final Accept DEFAULT_OP = (c, i) -> i == 1 && c == ':'
      || i == 2 && (c == '=' || c == '-' || c == '?' || c == '+');
  private static final Accept REPLACE_OP = (c, i) -> i == 1 && c == '/'
      || i == 2 && (c == '/' || c == '#' || c == '%');

  private final String src;
  private int pos;
  private int tokenStart;
  private String tokenText;
  private boolean inExpression;
  private int outerStart;

  private SubstitutionSyntax(String src) {
    this.src = src;
  }

  /** The nodes of {@code text}, in order. */
  static List<Node> parse(String text) throws SyntaxError {
    return new SubstitutionSyntax(text).parseAll();
  }

  private List<Node> parseAll() throws SyntaxError {
    List<Node> nodes = new ArrayList<>();
    while (true) {
      inExpression = false;
      switch (scan(ANY, IDENT | LBRACK | ESCAPE)) {
        case IDENT -> nodes.add(new Text(tokenText));
        case EOF -> {
          return nodes;
        }
        case LBRACK -> {
          outerStart = tokenStart;
          nodes.add(parseExpression(tokenStart));
        }
        default -> throw error("bad substitution");
      }
    }
  }

  private Node parseExpression(int start) throws SyntaxError {
    inExpression = true;
    if (peek() == '#') {
      return parseLength(start);
    }
    if (scan(NAME, IDENT) != Token.IDENT) {
      throw error("unable to parse variable name");
    }
    String name = tokenText;
    switch (peek()) {
      case ':' -> {
        int next = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
        return next == '=' || next == '-' || next == '?' || next == '+'
            ? parseDefault(name, start) : parseSubstring(name, start);
      }
      case '=' -> {
        return parseDefault(name, start);
      }
      case ',', '^' -> {
        return parseCasing(name, start);
      }
      case '/' -> {
        return parseReplace(name, start);
      }
      case '#' -> {
        return parseRemove(name, HASHES, start);
      }
      case '%' -> {
        return parseRemove(name, PERCENTS, start);
      }
      default -> {
        if (scan(null, RBRACK) != Token.RBRACK) {
          throw error("missing closing brace");
        }
        return new Expression(name, "", List.of(), start, pos);
      }
    }
  }

  private Node parseParam(Accept accept, int mode) throws SyntaxError {
    return switch (scan(accept, mode | LBRACK)) {
      case LBRACK -> parseExpression(tokenStart);
      case IDENT -> new Text(tokenText);
      default -> throw error("unable to parse substitution within function");
    };
  }

  private Node parseSubstring(String name, int start) throws SyntaxError {
    if (scan(ONE_COLON, IDENT) != Token.IDENT) {
      throw error("bad substitution");
    }
    List<Node> args = new ArrayList<>();
    args.add(parseParam(NOT_COLON_CLOSE, IDENT));
    switch (scan(COLONS, IDENT | RBRACK)) {
      case RBRACK -> {
        return new Expression(name, ":", args, start, pos);
      }
      case IDENT -> { }
      default -> throw error("bad substitution");
    }
    args.add(parseParam(NOT_CLOSING, IDENT));
    closingBrace();
    return new Expression(name, ":", args, start, pos);
  }

  private Node parseRemove(String name, Accept accept, int start) throws SyntaxError {
    if (scan(accept, IDENT) != Token.IDENT) {
      throw error("bad substitution");
    }
    String op = tokenText;
    Node pattern = parseParam(NOT_CLOSING, IDENT);
    closingBrace();
    return new Expression(name, op, List.of(pattern), start, pos);
  }

  private Node parseReplace(String name, int start) throws SyntaxError {
    if (scan(REPLACE_OP, IDENT) != Token.IDENT) {
      throw error("bad substitution");
    }
    String op = tokenText;
    List<Node> args = new ArrayList<>();
    args.add(parseParam(NOT_SLASH, IDENT | ESCAPE));
    if (scan(SLASHES, IDENT) != Token.IDENT) {
      throw error("bad substitution");
    }
    if (peek() != '}') {
      args.add(parseParam(NOT_CLOSING, IDENT | ESCAPE));
    }
    closingBrace();
    return new Expression(name, op, args, start, pos);
  }

  private Node parseDefault(String name, int start) throws SyntaxError {
    if (scan(peek() == '=' ? ONE_EQUAL : DEFAULT_OP, IDENT) != Token.IDENT) {
      throw error("unable to parse default function");
    }
    String op = tokenText;
    List<Node> args = new ArrayList<>();
    while (peek() != '}') {
      args.add(parseParam(NOT_CLOSING, IDENT));
    }
    closingBrace();
    return new Expression(name, op, args, start, pos);
  }

  private Node parseCasing(String name, int start) throws SyntaxError {
    if (scan(CASING, IDENT) != Token.IDENT) {
      throw error("bad substitution");
    }
    String op = tokenText;
    closingBrace();
    return new Expression(name, op, List.of(), start, pos);
  }

  private Node parseLength(int start) throws SyntaxError {
    if (scan(ONE_HASH, IDENT) != Token.IDENT || scan(NAME, IDENT) != Token.IDENT) {
      throw error("bad substitution");
    }
    String name = tokenText;
    closingBrace();
    return new Expression(name, "#", List.of(), start, pos);
  }

  private void closingBrace() throws SyntaxError {
    if (scan(null, RBRACK) != Token.RBRACK) {
      throw error("bad substitution");
    }
  }

  private SyntaxError error(String message) {
    return new SyntaxError(message, inExpression ? outerStart : pos);
  }

  private int peek() {
    return pos < src.length() ? src.codePointAt(pos) : 0;
  }

  /**
   * One token, as envsubst's scanner reads it: <code>${</code> (when {@code mode} has LBRACK), <code>}</code>
   * (RBRACK), or a run of accepted characters (IDENT) that stops before <code>${</code> and in which the
   * escapes (ESCAPE) stand for their second character; {@code i} passed to {@code accept} is the
   * token's length in UTF-8 bytes including the character tested.
   */
  private Token scan(Accept accept, int mode) {
    tokenStart = pos;
    if (pos >= src.length()) {
      return Token.EOF;
    }
    int c = src.codePointAt(pos);
    pos += Character.charCount(c);
    if ((mode & LBRACK) != 0 && c == '$' && pos < src.length() && src.charAt(pos) == '{') {
      pos++;
      return Token.LBRACK;
    }
    if ((mode & RBRACK) != 0 && c == '}') {
      return Token.RBRACK;
    }
    if ((mode & IDENT) == 0) {
      return Token.ILLEGAL;
    }
    StringBuilder text = new StringBuilder();
    int bytes = 0;
    if (escapedAt(tokenStart, mode)) {
      bytes += appendEscaped(text);
    } else if (!accept.test(c, bytes + utf8Length(c))) {
      return Token.ILLEGAL;
    } else {
      text.appendCodePoint(c);
      bytes += utf8Length(c);
    }
    while (pos < src.length()) {
      c = src.codePointAt(pos);
      if ((mode & LBRACK) != 0 && c == '$' && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
        break;
      }
      if (escapedAt(pos, mode)) {
        pos++;
        bytes += appendEscaped(text);
        continue;
      }
      if (!accept.test(c, bytes + utf8Length(c))) {
        break;
      }
      text.appendCodePoint(c);
      bytes += utf8Length(c);
      pos += Character.charCount(c);
    }
    tokenText = text.toString();
    return Token.IDENT;
  }

  /** {@code pos} is just after an escape character: the next one is taken literally. */
  private int appendEscaped(StringBuilder text) {
    int c = src.codePointAt(pos);
    text.appendCodePoint(c);
    pos += Character.charCount(c);
    return utf8Length(c);
  }

  /**
   * True when the character at {@code at} is an escape: the first of two dollars anywhere; in an
   * expression also a backslash before a slash or a backslash.
   */
  private boolean escapedAt(int at, int mode) {
    if ((mode & ESCAPE) == 0 || at + 1 >= src.length()) {
      return false;
    }
    char c = src.charAt(at);
    char next = src.charAt(at + 1);
    return c == '$' && next == '$' || c == '\\' && inExpression && (next == '/' || next == '\\');
  }

  private static int utf8Length(int c) {
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
}
