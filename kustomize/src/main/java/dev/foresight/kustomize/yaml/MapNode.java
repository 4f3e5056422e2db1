package dev.foresight.kustomize.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A mapping that keeps its key order. Keys are scalars (kustomize only deals with string keys;
 * a key node keeps its own style and comments). {@link #put} replaces in place or appends, as
 * kyaml's {@code SetField} does.
 */
public final class MapNode extends Node {

  /** One key/value pair. */
  public static final class Entry {
    private final ScalarNode key;
    private Node value;

    public Entry(ScalarNode key, Node value) {
      this.key = key;
      this.value = value;
    }

    public ScalarNode key() {
      return key;
    }

    public Node value() {
      return value;
    }

    public void value(Node value) {
      this.value = value;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private boolean flow;

  public MapNode() {
    tag(Tags.MAP);
  }

  /** The live, mutable list of entries, in order. */
  public List<Entry> entries() {
    return entries;
  }

  public List<String> keys() {
    return entries.stream().map(e -> e.key().value()).toList();
  }

  public Node get(String key) {
    for (Entry entry : entries) {
      if (entry.key().value().equals(key)) {
        return entry.value();
      }
    }
    return null;
  }

  public Optional<Node> find(String key) {
    return Optional.ofNullable(get(key));
  }

  /** The scalar text at {@code key}, or null when absent or not a scalar. */
  public String getString(String key) {
    return get(key) instanceof ScalarNode s && !s.isNull() ? s.value() : null;
  }

  public MapNode getMap(String key) {
    return get(key) instanceof MapNode m ? m : null;
  }

  public SeqNode getSeq(String key) {
    return get(key) instanceof SeqNode s ? s : null;
  }

  public boolean has(String key) {
    return get(key) != null;
  }

  /** Replaces the value of {@code key} in place, or appends the pair. */
  public MapNode put(String key, Node value) {
    for (Entry entry : entries) {
      if (entry.key().value().equals(key)) {
        entry.value(value);
        return this;
      }
    }
    entries.add(new Entry(ScalarNode.string(key), value));
    return this;
  }

  public MapNode put(String key, String value) {
    return put(key, ScalarNode.string(value));
  }

  /** The map at {@code key}, created (appended, empty) when absent. */
  public MapNode getOrCreateMap(String key) {
    MapNode existing = getMap(key);
    if (existing != null) {
      return existing;
    }
    MapNode created = new MapNode();
    put(key, created);
    return created;
  }

  public Node remove(String key) {
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).key().value().equals(key)) {
        return entries.remove(i).value();
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public boolean flow() {
    return flow;
  }

  public void flow(boolean flow) {
    this.flow = flow;
  }

  @Override
  public MapNode copy() {
    MapNode copy = copyBaseInto(new MapNode());
    copy.flow = flow;
    for (Entry entry : entries) {
      copy.entries.add(new Entry(entry.key().copy(), entry.value().copy()));
    }
    return copy;
  }
}
