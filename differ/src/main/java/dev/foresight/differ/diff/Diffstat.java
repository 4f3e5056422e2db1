package dev.foresight.differ.diff;

import dev.foresight.schema.DiffStats;

/** Arithmetic over {@link DiffStats}. */
public final class Diffstat {

  private Diffstat() {}

  public static DiffStats zero() {
    return new DiffStats(0, 0, 0, 0, 0);
  }

  public static DiffStats plus(DiffStats a, DiffStats b) {
    return new DiffStats(
        a.getObjectsAdded() + b.getObjectsAdded(),
        a.getObjectsRemoved() + b.getObjectsRemoved(),
        a.getObjectsChanged() + b.getObjectsChanged(),
        a.getLinesAdded() + b.getLinesAdded(),
        a.getLinesRemoved() + b.getLinesRemoved());
  }
}
