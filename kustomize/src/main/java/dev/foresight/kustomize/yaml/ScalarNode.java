package dev.foresight.kustomize.yaml;

import java.util.Objects;

/** A scalar: its text (unescaped), resolved tag and style. */
public final class ScalarNode extends Node {

  private String value;
  private ScalarStyle style;

  public ScalarNode(String value, String tag, ScalarStyle style) {
    this.value = Objects.requireNonNull(value, "value");
    this.style = Objects.requireNonNull(style, "style");
    tag(tag);
  }

  /** A plain string scalar; the emitter quotes it when it would otherwise read as another type. */
  public static ScalarNode string(String value) {
    return new ScalarNode(value, Tags.STR, ScalarStyle.PLAIN);
  }

  public static ScalarNode integer(long value) {
    return new ScalarNode(Long.toString(value), Tags.INT, ScalarStyle.PLAIN);
  }

  public static ScalarNode bool(boolean value) {
    return new ScalarNode(Boolean.toString(value), Tags.BOOL, ScalarStyle.PLAIN);
  }

  public static ScalarNode nul() {
    return new ScalarNode("null", Tags.NULL, ScalarStyle.PLAIN);
  }

  public String value() {
    return value;
  }

  public void value(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public ScalarStyle style() {
    return style;
  }

  public void style(ScalarStyle style) {
    this.style = Objects.requireNonNull(style, "style");
  }

  public boolean isNull() {
    return Tags.NULL.equals(tag());
  }

  @Override
  public ScalarNode copy() {
    return copyBaseInto(new ScalarNode(value, tag(), style));
  }

  @Override
  public String toString() {
    return value;
  }
}
