package dev.foresight.kustomize.yaml;

import dev.foresight.kustomize.KustomizeException;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * A YAML syntax error as a reviewer can act on it: the file, the line and column where the
 * offending construct starts (an unterminated quote: where it opens; a block scalar: its
 * indicator), what is wrong, where the parser noticed it when that is elsewhere, and a hint.
 * go-yaml (kubectl's {@code yaml: line N}) also names the construct's start when it has one.
 */
final class YamlError {

  private YamlError() {}

  /**
   * When a parser error comes right after {@code last}, the last scalar read, that scalar is
   * usually the cause and is named instead: a quoted value spanning lines lost its closing quote
   * and swallowed the lines up to the next quote; a {@code |} / {@code >} block ended early at a
   * line indented less than its first one.
   */
  static KustomizeException of(String file, MarkedYamlEngineException e, ScalarEvent last) {
    Optional<Mark> context = e.getContextMark();
    Optional<Mark> problemMark = e.getProblemMark();
    if (last != null && e.getContext() != null && e.getContext().startsWith("while parsing")
        && problemMark.isPresent() && last.getStartMark().isPresent() && last.getEndMark().isPresent()
        && problemMark.get().getLine() - last.getEndMark().get().getLine() <= 1) {
      Mark open = last.getStartMark().get();
      Mark end = last.getEndMark().get();
      Mark at = problemMark.get();
      String failed = " (" + clean(e.getContext()) + ": " + clean(e.getProblem()) + " at line "
          + (at.getLine() + 1) + ":" + (at.getColumn() + 1) + ")";
      switch (last.getScalarStyle()) {
        case SINGLE_QUOTED, DOUBLE_QUOTED -> {
          if (end.getLine() > open.getLine()) {
            return KustomizeException.at(file, open.getLine() + 1, open.getColumn() + 1,
                "invalid YAML: the quoted value that opens here runs to line " + (end.getLine() + 1)
                    + ", where the parser then failed" + failed
                    + "; its closing quote is probably missing: close it on its line");
          }
        }
        case LITERAL, FOLDED -> {
          return KustomizeException.at(file, open.getLine() + 1, open.getColumn() + 1,
              "invalid YAML: the block scalar that starts here ends before line " + (at.getLine() + 1)
                  + ", which is indented less than the block's first line, and the parser then failed"
                  + failed + "; indent every line of the block at least as much as its first line");
        }
        default -> { }
      }
    }
    String problem = clean(e.getProblem() == null ? e.getMessage() : e.getProblem());
    if (problem.startsWith("expected <block end>") && context.isPresent() && problemMark.isPresent()) {
      // a line indented unlike its siblings: that line is the offending construct
      Mark open = context.get();
      Mark at = problemMark.get();
      return KustomizeException.at(file, at.getLine() + 1, at.getColumn() + 1,
          "invalid YAML: this line is indented unlike the entries of the " + clean(e.getContext())
              .replaceFirst("^while parsing an? ", "") + " that starts at line " + (open.getLine() + 1) + ":"
              + (open.getColumn() + 1) + " (" + problem + "); indent it as its siblings (spaces only)");
    }
    Mark where = context.or(() -> problemMark).orElse(null);
    StringBuilder message = new StringBuilder("invalid YAML: ");
    if (e.getContext() != null && context.isPresent()) {
      message.append(clean(e.getContext())).append(" that starts here: ");
    }
    message.append(problem);
    if (context.isPresent() && problemMark.isPresent()
        && problemMark.get().getLine() != context.get().getLine()) {
      message.append(" (noticed at line ").append(problemMark.get().getLine() + 1).append(':')
          .append(problemMark.get().getColumn() + 1).append(')');
    }
    message.append("; ").append(hint(e.getContext(), problem));
    if (where == null) {
      return KustomizeException.at(file, null, 0, message.toString());
    }
    return KustomizeException.at(file, where.getLine() + 1, where.getColumn() + 1, message.toString());
  }

  private static String clean(String s) {
    return s.strip().replaceAll("\\s+", " ").replaceAll(",? but got$", "").replaceAll("[.:]$", "");
  }

  private static String hint(String context, String problem) {
    String c = context == null ? "" : context.toLowerCase(Locale.ROOT);
    String p = problem.toLowerCase(Locale.ROOT);
    if (c.contains("quoted scalar")) {
      return p.contains("end of stream") || p.contains("document")
          ? "the quote opened here is never closed: close it (inside '...' write '' for a quote,"
              + " inside \"...\" write \\\")"
          : "inside \"...\" only YAML escapes are allowed (\\n, \\t, \\\", \\\\...): escape the"
              + " backslash or use single quotes";
    }
    if (c.contains("block scalar")) {
      return "the lines of a | or > block must be indented more than its key, all by the same spaces"
          + " (no tabs), and only a comment may follow the indicator";
    }
    if (p.contains("tab")) {
      return "indent with spaces: a tab cannot indent YAML";
    }
    if (p.contains("mapping values are not allowed")) {
      return "a plain value cannot contain ': ' — quote the value";
    }
    if (c.contains("simple key") || p.contains("expected ':'")) {
      return "a key must be followed by ': ' on the same line and be at most 1024 characters";
    }
    if (p.contains("expected <block end>") || p.contains("expected key")
        || p.contains("expected the node content")) {
      return "check the indentation of this line and the one the parser noticed: siblings must"
          + " start at the same column";
    }
    if (c.contains("flow")) {
      return "close the [ or { opened here and separate its items with ', '";
    }
    return "check the YAML syntax from this line on";
  }
}
