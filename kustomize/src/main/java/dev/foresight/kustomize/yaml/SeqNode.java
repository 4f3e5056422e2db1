package dev.foresight.kustomize.yaml;

import java.util.ArrayList;
import java.util.List;

/** A sequence; {@link #items()} is the live, mutable list. */
public final class SeqNode extends Node {

  private final List<Node> items = new ArrayList<>();
  private boolean flow;

  public SeqNode() {
    tag(Tags.SEQ);
  }

  public List<Node> items() {
    return items;
  }

  public SeqNode add(Node item) {
    items.add(item);
    return this;
  }

  /** Written as {@code [a, b]} in the source. */
  public boolean flow() {
    return flow;
  }

  public void flow(boolean flow) {
    this.flow = flow;
  }

  @Override
  public SeqNode copy() {
    SeqNode copy = copyBaseInto(new SeqNode());
    copy.flow = flow;
    items.forEach(item -> copy.items.add(item.copy()));
    return copy;
  }
}
