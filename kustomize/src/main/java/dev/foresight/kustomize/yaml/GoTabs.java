package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.KustomizeException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.ScalarToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * Refuses the tabs go-yaml v3 refuses and snakeyaml-engine lets through.
 *
 * <p>go-yaml's scanner skips a tab between tokens only in a flow collection or when a simple key
 * cannot start there: after a mapping key's {@code :}, an anchor, a tag, a quoted scalar, a flow
 * collection's end or {@code ---}. Where a key could start — at the start of a line (even after
 * spaces, even on a line holding nothing else), after a block {@code -} or {@code ?}, after a
 * {@code :} that begins its line — a tab is "a character that cannot start any token". Inside the
 * blanks that follow a multi-line plain scalar a tab left of the scalar's indentation "violates
 * indentation". Tabs inside scalars and comments are content and never checked. snakeyaml-engine
 * 3.x accepts a superset; this walks its tokens and checks the blanks between them.
 */
final class GoTabs {

  private final String file;
  private final int[] text;
  private final Deque<Integer> indents = new ArrayDeque<>();
  private int flowLevel;

  private GoTabs(String file, String text) {
    this.file = file;
    this.text = text.codePoints().toArray();
  }

  /** Throws the error go-yaml v3 raises for the first tab it does not accept in {@code text}. */
  static void check(String text, String file) throws KustomizeException {
    if (text.indexOf('\t') < 0) {
      return;
    }
    new GoTabs(file, text).walk(text);
  }

  private void walk(String source) throws KustomizeException {
    LoadSettings settings = LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build();
    ScannerImpl scanner = new ScannerImpl(settings, new StreamReader(settings, source));
    Token previous = null;
    int previousEnd = 0;
    try {
      while (scanner.hasNext()) {
        Token token = scanner.next();
        int start = index(token.getStartMark());
        int end = index(token.getEndMark());
        if (start > previousEnd) {
          gap(previous, previousEnd, start);
        }
        track(token);
        if (end > start || token.getTokenId() == Token.ID.StreamStart) {
          previous = token;
          previousEnd = Math.max(previousEnd, end);
        }
      }
    } catch (MarkedYamlEngineException e) {
      // the blanks before the token the scanner refused are go-yaml's to judge first
      int stop = Math.min(text.length, e.getProblemMark().map(Mark::getIndex).orElse(previousEnd) + 1);
      if (stop > previousEnd) {
        gap(previous, previousEnd, stop);
      }
    } catch (YamlEngineException e) {
      // the loader reports the scanner's own error
    }
  }

  private void track(Token token) {
    switch (token.getTokenId()) {
      case FlowMappingStart, FlowSequenceStart -> flowLevel++;
      case FlowMappingEnd, FlowSequenceEnd -> flowLevel = Math.max(0, flowLevel - 1);
      case BlockMappingStart, BlockSequenceStart ->
          indents.push(token.getStartMark().map(Mark::getColumn).orElse(0));
      case BlockEnd -> {
        if (!indents.isEmpty()) {
          indents.pop();
        }
      }
      default -> { }
    }
  }

  /** The blanks, breaks and comments in {@code [from, to)} after {@code previous}. */
  private void gap(Token previous, int from, int to) throws KustomizeException {
    boolean plainTail = previous instanceof ScalarToken s && s.isPlain() && flowLevel == 0;
    int plainIndent = (indents.isEmpty() ? -1 : indents.peek()) + 1;
    boolean keyAllowed = keyAllowedAfter(previous);
    boolean broke = false;
    boolean afterComment = false;
    boolean afterEntry = previous != null && previous.getTokenId() == Token.ID.BlockEntry;
    int column = columnOf(from);
    for (int i = from; i < to; i++) {
      int c = text[i];
      if (c == '\n' || c == '\r') {
        broke = true;
        column = 0;
        if (flowLevel == 0) {
          keyAllowed = true;
        }
        continue;
      }
      if (c == '#') {
        if (plainTail) {
          plainTail = false;
          keyAllowed = keyAllowed || broke;
        }
        while (i + 1 < to && text[i + 1] != '\n' && text[i + 1] != '\r') {
          i++;
        }
        afterComment = broke || afterEntry; // a comment on its token's line is read alone
        continue;
      }
      if (c != ' ' && c != '\t') {
        return; // a token the scanner refused: its own error follows
      }
      if (c == '\t') {
        if (plainTail) {
          if (broke && column < plainIndent) {
            throw error(index(previous.getStartMark()), "found a tab character that violates indentation",
                "line " + lineOf(i) + ":" + (column + 1) + ", after this plain scalar, has a tab"
                    + " left of the scalar's indentation");
          }
        } else if (flowLevel == 0 && keyAllowed
            && !(!broke && !afterEntry && commentEndsLine(i, to))
            && !(afterComment && commentFollows(i, to))) {
          throw error(i, "found character that cannot start any token",
              "a tab may separate a value from its ':' but cannot indent a line nor follow '-' or '?'");
        }
      }
      column++;
    }
  }

  /**
   * Whether only blanks and breaks separate {@code i} from a {@code #}: go-yaml reads a run of
   * comment lines in one go, skipping every blank (tabs too) up to the next comment.
   */
  private boolean commentFollows(int i, int to) {
    for (int j = i; j < to; j++) {
      int c = text[j];
      if (c == '#') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
    }
    return false;
  }

  /** Whether only blanks separate {@code i} from a {@code #} on its line (a token's line comment). */
  private boolean commentEndsLine(int i, int to) {
    int j = i;
    while (j < to && (text[j] == ' ' || text[j] == '\t')) {
      j++;
    }
    return j < to && text[j] == '#';
  }

  /** go-yaml's {@code simple_key_allowed} right after {@code previous} (block context). */
  private boolean keyAllowedAfter(Token previous) {
    if (previous == null) {
      return true;
    }
    return switch (previous.getTokenId()) {
      case StreamStart, BlockEntry, Key, FlowEntry, FlowMappingStart, FlowSequenceStart -> true;
      case Value -> startsLine(index(previous.getStartMark()));
      case Scalar -> !((ScalarToken) previous).isPlain() && isBlockScalar((ScalarToken) previous);
      default -> false;
    };
  }

  private static boolean isBlockScalar(ScalarToken s) {
    return switch (s.getStyle()) {
      case LITERAL, FOLDED -> true;
      default -> false;
    };
  }

  private boolean startsLine(int index) {
    for (int i = index - 1; i >= 0 && text[i] != '\n' && text[i] != '\r'; i--) {
      if (text[i] != ' ' && text[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private int columnOf(int index) {
    int column = 0;
    for (int i = index - 1; i >= 0 && text[i] != '\n' && text[i] != '\r'; i--) {
      column++;
    }
    return column;
  }

  private int lineOf(int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.length || text[i + 1] != '\n'))) {
        line++;
      }
    }
    return line;
  }

  private KustomizeException error(int index, String problem, String hint) {
    return KustomizeException.at(file, lineOf(index), columnOf(index) + 1,
        "invalid YAML: " + problem + " (a tab); " + hint + "; replace the tab with spaces");
  }

  private static int index(java.util.Optional<Mark> mark) {
    return mark.map(Mark::getIndex).orElse(0);
  }
}
