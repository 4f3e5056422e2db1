package dev.foresight.kustomize.build;

import dev.foresight.kustomize.BuildWarning;
import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.resource.Resource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memoised sub-builds: a kustomization directory listed under {@code resources:} is a whole,
 * independent build (its own resources, generators, components, transformers), whose result the
 * parent then transforms; the same directory with the same content is built once and handed out
 * as deep copies to every overlay, profile and side of a change that lists it.
 *
 * <p>A result is keyed by its directory and checked, on every lookup, against what its build
 * read: the content id of every file it read, every file / directory test and listing it made
 * (so a new {@code kustomization.yml} beside the old one, or a changed patch two levels down,
 * misses), the directories it entered (cycle detection against the new referrer chain), the
 * parser, and the build's OpenAPI session state on entry (restored to the recorded exit state on a
 * hit; nothing is memoised under a custom schema). Builds that track origins
 * ({@code buildMetadata}) are not memoised: their annotations depend on the path from the top.
 * Components are not memoised: they are applied onto the accumulated resources of their parent,
 * so their result is not theirs alone.
 *
 * <p>Bounded (least recently used entries go past {@code maxEntries}; at most
 * {@value #VERSIONS_PER_DIR} contents per directory) and thread-safe: one instance serves
 * concurrent builds for as long as its owner lives.
 */
public final class BuildMemo {

  static final int VERSIONS_PER_DIR = 4;

  /** One memoised sub-build. */
  private record Entry(YamlParser parser, List<RecordingFileTree.Observation> observations, List<String> roots,
      Object openApiBefore, Object openApiAfter, Accumulator result, List<BuildWarning> warnings) {}

  /** Counters, for tests and benchmarks. */
  public record Stats(long hits, long builds, long stored, long evicted, int entries) {
    @Override
    public String toString() {
      return "hits " + hits + ", builds " + builds + ", stored " + stored + ", evicted " + evicted + ", entries "
          + entries;
    }
  }

  private final int maxEntries;
  /** Directory → its memoised versions, most recent first; access-ordered for eviction. */
  private final LinkedHashMap<String, List<Entry>> entries = new LinkedHashMap<>(64, 0.75f, true);
  private int size;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong builds = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();

  /** A memo of at most {@code maxEntries} sub-build results. */
  public BuildMemo(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    this.maxEntries = maxEntries;
  }

  /** A memo of at most 2048 sub-build results. */
  public BuildMemo() {
    this(2048);
  }

  public Stats stats() {
    synchronized (entries) {
      return new Stats(hits.get(), builds.get(), stored.get(), evicted.get(), size);
    }
  }

  /** Forgets every result (the counters stay). */
  public void clear() {
    synchronized (entries) {
      entries.clear();
      size = 0;
    }
  }

  /**
   * A copy of the memoised result of {@code dir} valid for {@code tree} as reached through
   * {@code chain}, with the OpenAPI session moved to the recorded exit state and the directories
   * it entered noted on {@code tree} (when recording) and the warnings its build printed added to
   * {@code warnings} (kustomize prints them on every load); or null.
   */
  Accumulator lookup(FileTree tree, String dir, YamlParser parser, List<String> chain, Object openApiState,
      List<BuildWarning> warnings) throws IOException {
    if (openApiState == null) {
      return null;
    }
    List<Entry> versions;
    synchronized (entries) {
      List<Entry> found = entries.get(dir);
      versions = found == null ? List.of() : new ArrayList<>(found);
    }
    for (Entry e : versions) {
      if (e.parser() == parser && e.openApiBefore().equals(openApiState) && noCycle(e, chain) && holds(e, tree)) {
        hits.incrementAndGet();
        synchronized (entries) { // most recent first
          List<Entry> list = entries.get(dir);
          if (list != null && list.remove(e)) {
            list.add(0, e);
          }
        }
        dev.foresight.kustomize.patch.OpenApiSession.current().restoreMemoState(e.openApiAfter());
        // every root the memoised build entered (not only dir): an enclosing build memoised
        // later must check them all against its own referrers
        for (String root : e.roots()) {
          RecordingFileTree.enteredRoot(tree, root);
        }
        warnings.addAll(e.warnings());
        return copy(e.result());
      }
    }
    return null;
  }

  private static boolean noCycle(Entry e, List<String> chain) {
    for (String root : e.roots()) {
      for (String visited : chain) {
        if (FileLoader.within(visited, root)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean holds(Entry e, FileTree tree) throws IOException {
    for (RecordingFileTree.Observation o : e.observations()) {
      if (!o.holds(tree)) {
        return false;
      }
    }
    return true;
  }

  void noteBuild() {
    builds.incrementAndGet();
  }

  /** Remembers {@code result} (copied) of {@code dir}, built through {@code recorder}, printing {@code warnings}. */
  void store(String dir, YamlParser parser, RecordingFileTree recorder, Object openApiBefore, Object openApiAfter,
      Accumulator result, List<BuildWarning> warnings) {
    if (openApiBefore == null || openApiAfter == null) {
      return;
    }
    Entry entry = new Entry(parser, recorder.observations(), recorder.roots(), openApiBefore, openApiAfter,
        copy(result), List.copyOf(warnings));
    synchronized (entries) {
      List<Entry> list = entries.computeIfAbsent(dir, k -> new ArrayList<>());
      list.add(0, entry);
      size++;
      stored.incrementAndGet();
      while (list.size() > VERSIONS_PER_DIR) {
        list.remove(list.size() - 1);
        size--;
        evicted.incrementAndGet();
      }
      Iterator<Map.Entry<String, List<Entry>>> eldest = entries.entrySet().iterator();
      while (size > maxEntries && eldest.hasNext()) {
        Map.Entry<String, List<Entry>> e = eldest.next();
        if (e.getValue() == list) {
          continue; // the directory just stored: trimmed below, keeping the new entry
        }
        size -= e.getValue().size();
        evicted.addAndGet(e.getValue().size());
        eldest.remove();
      }
      while (size > maxEntries && list.size() > 1) {
        list.remove(list.size() - 1);
        size--;
        evicted.incrementAndGet();
      }
    }
  }

  /** A deep copy: later transforms edit what a build hands out. */
  static Accumulator copy(Accumulator source) {
    Accumulator out = new Accumulator(source.config);
    for (Resource r : source.resources) {
      out.resources.all().add(r.copy());
    }
    source.vars.forEach((name, var) -> out.vars.put(name, var.copy()));
    return out;
  }
}
