package dev.foresight.differ.kustomization;

import dev.foresight.differ.manifest.Manifest;
import dev.foresight.schema.ObjectChange;

/**
 * One object that differs in one profile x Flux Kustomization, before its diff is written: the
 * texts on both sides (null on the side where it does not exist) and, for a move, the pair it
 * came from or went to ({@code profile/ks}).
 *
 * <p>For a move the entry on the side it went to holds the base text of the pair it left as
 * {@code before}; the entry on the side it left has no text to diff.
 */
public final class ObjectEntry {

  private final String identity;
  private final Manifest before;
  private final Manifest after;
  private final ObjectChange change;
  private final String movedFrom;
  private final String movedTo;

  ObjectEntry(String identity, Manifest before, Manifest after, ObjectChange change, String movedFrom,
      String movedTo) {
    this.identity = identity;
    this.before = before;
    this.after = after;
    this.change = change;
    this.movedFrom = movedFrom;
    this.movedTo = movedTo;
  }

  static ObjectEntry of(String identity, Manifest before, Manifest after) {
    ObjectChange change = before == null ? ObjectChange.ADDED
        : after == null ? ObjectChange.REMOVED : ObjectChange.CHANGED;
    return new ObjectEntry(identity, before, after, change, null, null);
  }

  /** The added side of a move: now rendered here, rendered by {@code from} at base. */
  ObjectEntry movedFrom(String from, Manifest baseThere) {
    return new ObjectEntry(identity, baseThere, after, ObjectChange.MOVED, from, null);
  }

  /** The removed side of a move: rendered here at base, by {@code to} at head. */
  ObjectEntry movedTo(String to) {
    return new ObjectEntry(identity, before, null, ObjectChange.MOVED, null, to);
  }

  /** Group, kind, namespace and name ({@code #n} appended for a repeated identity in one output). */
  public String identity() {
    return identity;
  }

  public Manifest before() {
    return before;
  }

  public Manifest after() {
    return after;
  }

  public ObjectChange change() {
    return change;
  }

  public String movedFrom() {
    return movedFrom;
  }

  public String movedTo() {
    return movedTo;
  }

  /** The manifest that names the object in the report: head's when there is one. */
  public Manifest shown() {
    return after != null ? after : before;
  }
}
