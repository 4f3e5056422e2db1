package dev.foresight.kustomize.yaml;

/**
 * A YAML node as kustomize's kyaml keeps it: mappings keep their key order, scalars keep their
 * style and tag, comments travel with the node they are attached to. Mutable, like kyaml's
 * {@code RNode}; {@link #copy()} is deep.
 */
public abstract sealed class Node permits MapNode, SeqNode, ScalarNode {

  private String tag;
  private boolean tagExplicit;
  private String anchor;
  private String headComment = "";
  private String lineComment = "";
  private String footComment = "";
  private int line;
  private int column;

  /** The resolved tag, e.g. {@link Tags#STR}, {@link Tags#MAP}, or a custom one like {@code !Ref}. */
  public String tag() {
    return tag;
  }

  public void tag(String tag) {
    this.tag = tag;
  }

  /** True when the tag was written in the source (e.g. {@code !!str 1}), so the emitter writes it back. */
  public boolean tagExplicit() {
    return tagExplicit;
  }

  public void tagExplicit(boolean explicit) {
    this.tagExplicit = explicit;
  }

  public String anchor() {
    return anchor;
  }

  public void anchor(String anchor) {
    this.anchor = anchor;
  }

  /** Comment lines before the node, each starting with {@code #}, joined with {@code \n}; "" when none. */
  public String headComment() {
    return headComment;
  }

  public void headComment(String comment) {
    this.headComment = comment == null ? "" : comment;
  }

  /** The comment after the node on its line ({@code # ...}); "" when none. */
  public String lineComment() {
    return lineComment;
  }

  public void lineComment(String comment) {
    this.lineComment = comment == null ? "" : comment;
  }

  /** Comment lines after the node; "" when none. */
  public String footComment() {
    return footComment;
  }

  public void footComment(String comment) {
    this.footComment = comment == null ? "" : comment;
  }

  /** 1-based source line (0 when the node was built in code), for error messages. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public void position(int line, int column) {
    this.line = line;
    this.column = column;
  }

  /** A deep copy (tags, styles, comments and positions included). */
  public abstract Node copy();

  protected <T extends Node> T copyBaseInto(T target) {
    Node t = target;
    t.tag = tag;
    t.tagExplicit = tagExplicit;
    t.anchor = anchor;
    t.headComment = headComment;
    t.lineComment = lineComment;
    t.footComment = footComment;
    t.line = line;
    t.column = column;
    return target;
  }
}
