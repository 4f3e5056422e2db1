package dev.foresight.renderer;

import dev.foresight.kustomize.FileTree;
import dev.foresight.kustomize.TreePath;
import dev.foresight.renderer.engine.Engine;
import dev.foresight.renderer.engine.ExecEngine;
import dev.foresight.renderer.engine.RenderException;
import dev.foresight.renderer.flux.FluxKustomization;
import dev.foresight.renderer.flux.FluxObjects;
import dev.foresight.renderer.flux.Profile;
import dev.foresight.renderer.flux.ProfileDiscovery;
import dev.foresight.renderer.flux.Substitution;
import dev.foresight.renderer.git.GitFileTree;
import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.renderer.manifest.Manifests;
import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderJob;
import dev.foresight.schema.RenderPlan;
import dev.foresight.schema.RenderResult;
import dev.foresight.schema.RenderStatus;
import dev.foresight.schema.RenderedSide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The renderer's front door: plans a change into profile x Flux Kustomization pairs and renders
 * each pair at base and head. Never throws for bad input: failures come back in
 * {@link RenderPlan#getError()} or as {@link RenderStatus#ERROR} results. Thread-safe; rendered
 * profile entries are memoised per (tree, profile) for the lifetime of the instance.
 */
public final class Renderer implements AutoCloseable {

  /** The kustomization name of the pair that stands for a profile whose entry does not render. */
  public static final String PROFILE_PAIR = "(profile)";

  private final GitMirrors mirrors;
  private final Engine engine;
  private final SecretMasker masker;
  private final Map<String, ProfileEntry> entries = new ConcurrentHashMap<>();
  private final Path ownedWorkDir;

  /** With the exec engine, working under {@code <dataDir>/work/}. */
  public Renderer(RendererConfig config) throws IOException {
    this(config, null, workDir(config.dataDir()));
  }

  /** With another engine (e.g. the native one); the renderer closes it. */
  public Renderer(RendererConfig config, Engine engine) {
    this(config, engine, null);
  }

  private Renderer(RendererConfig config, Engine engine, Path ownedWorkDir) {
    this.mirrors = new GitMirrors(config.dataDir());
    this.engine = engine != null ? engine : new ExecEngine(ownedWorkDir, config.timeout());
    this.masker = new SecretMasker(config.maskKey());
    this.ownedWorkDir = ownedWorkDir;
  }

  /** How results are labelled, e.g. {@code exec:kubectl}. */
  public String engineName() {
    return engine.name();
  }

  /** Every profile x Flux Kustomization pair at base or head, sorted by profile then name. */
  public RenderPlan plan(ChangeRequested change) {
    RenderPlan.Builder plan = RenderPlan.newBuilder().setChangeId(change.getChangeId()).setChange(change)
        .setPairs(new ArrayList<>()).setPlannedAt(Instant.now());
    try {
      Side base = side("base", change, change.getBase());
      Side head = side("head", change, change.getHead());
      if (!ProfileDiscovery.hasProfiles(base.tree()) && !ProfileDiscovery.hasProfiles(head.tree())) {
        return plan.setError("no " + ProfileDiscovery.ROOT + "/ directory at " + base.label() + " nor at "
            + head.label() + " of " + change.getRepo() + "; Foresight renders every directory "
            + ProfileDiscovery.ROOT + "/<name> holding a kustomization of Flux Kustomizations").build();
      }
      Map<String, PlannedPair> pairs = new TreeMap<>();
      for (Side side : List.of(base, head)) {
        for (Profile profile : ProfileDiscovery.discover(side.tree())) {
          ProfileEntry entry = entry(side, profile);
          if (entry.error() != null) {
            put(pairs, pair(profile.name(), PROFILE_PAIR, "", profile.entry(), entry.error()));
          }
          for (FluxKustomization ks : entry.kustomizations()) {
            put(pairs, pair(profile.name(), ks.name(), ks.namespace(), normalised(ks.path()), null));
          }
        }
      }
      return plan.setPairs(new ArrayList<>(pairs.values())).build();
    } catch (IOException | RuntimeException e) {
      return plan.setError("cannot plan change " + change.getChangeId() + " of " + change.getRepo() + ": "
          + e.getMessage()).build();
    }
  }

  /** One job per pair to render. */
  public List<RenderJob> jobs(RenderPlan plan) {
    List<RenderJob> jobs = new ArrayList<>();
    for (PlannedPair pair : plan.getPairs()) {
      if (pair.getAction() == PairAction.RENDER) {
        jobs.add(RenderJob.newBuilder().setChangeId(plan.getChangeId()).setChange(plan.getChange())
            .setProfile(pair.getProfile()).setKustomization(pair.getKustomization())
            .setNamespace(pair.getNamespace()).build());
      }
    }
    return jobs;
  }

  /** Renders one pair at base and head: built, substituted, Secrets masked. */
  public RenderResult render(RenderJob job) {
    long start = System.nanoTime();
    ChangeRequested change = job.getChange();
    RenderResult.Builder result = RenderResult.newBuilder().setChangeId(job.getChangeId())
        .setProfile(job.getProfile()).setKustomization(job.getKustomization()).setNamespace(job.getNamespace())
        .setStatus(RenderStatus.OK).setEngine(engine.name()).setDurationMs(0);
    List<String> errors = new ArrayList<>();
    try {
      result.setBase(renderSide(job, side("base", change, change.getBase())));
    } catch (RenderException | IOException | RuntimeException e) {
      errors.add(message("base", e));
    }
    try {
      result.setHead(renderSide(job, side("head", change, change.getHead())));
    } catch (RenderException | IOException | RuntimeException e) {
      errors.add(message("head", e));
    }
    if (!errors.isEmpty()) {
      result.setStatus(RenderStatus.ERROR).setError(String.join("\n", errors));
    }
    return result.setDurationMs((System.nanoTime() - start) / 1_000_000).build();
  }

  @Override
  public void close() {
    engine.close();
    mirrors.close();
    entries.clear();
    if (ownedWorkDir != null) {
      try (var paths = Files.walk(ownedWorkDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // best effort: a temporary directory under the data dir
      }
    }
  }

  private RenderedSide renderSide(RenderJob job, Side side) throws RenderException, IOException {
    Profile profile = new Profile(job.getProfile(), ProfileDiscovery.ROOT + "/" + job.getProfile());
    if (!side.tree().isDirectory(profile.entry())) {
      return null;
    }
    ProfileEntry entry = entry(side, profile);
    if (entry.error() != null) {
      throw new RenderException(entry.error());
    }
    FluxKustomization ks = entry.find(job.getNamespace(), job.getKustomization()).orElse(null);
    if (ks == null) {
      return null;
    }
    String where = side.label() + ", profile " + profile.name() + ", Flux Kustomization " + ks.id();
    String path;
    try {
      path = TreePath.normalize(ks.path());
    } catch (IllegalArgumentException e) {
      throw new RenderException(where + ": spec.path '" + ks.path() + "' escapes the repository root; fix spec.path in "
          + profile.entry());
    }
    if (!side.tree().isDirectory(path)) {
      throw new RenderException(where + ": spec.path '" + ks.path() + "' does not exist; fix spec.path in "
          + profile.entry() + " or add the directory " + path);
    }
    String yaml;
    try {
      yaml = engine.build(side.tree(), path);
    } catch (RenderException e) {
      throw new RenderException(where + ", path " + path + ": " + e.getMessage(), e);
    }
    if (ks.spec().get("postBuild") != null) {
      yaml = Substitution.apply(yaml, ks.substitute()).text();
    }
    String masked = masker.mask(yaml);
    return RenderedSide.newBuilder().setPath(path).setContent(masked).setObjects(Manifests.count(masked)).build();
  }

  /** The profile's entry rendered at one side (no substitution), memoised. */
  private ProfileEntry entry(Side side, Profile profile) {
    String key = (side.tree() instanceof GitFileTree git ? git.treeId() : side.sha()) + "/" + profile.name();
    ProfileEntry cached = entries.get(key);
    if (cached != null) {
      return cached;
    }
    ProfileEntry entry;
    try {
      entry = new ProfileEntry(FluxObjects.parse(engine.build(side.tree(), profile.entry())), null);
    } catch (RenderException | RuntimeException e) {
      entry = ProfileEntry.failed("profile " + profile.name() + ": " + profile.entry() + " does not render at "
          + side.label() + ": " + e.getMessage());
    }
    entries.putIfAbsent(key, entry);
    return entry;
  }

  private Side side(String name, ChangeRequested change, String sha) throws IOException {
    FileTree tree = mirrors.tree(change.getRepo(), sha);
    return new Side(name, sha, tree);
  }

  private static PlannedPair pair(String profile, String ks, String namespace, String path, String reason) {
    return PlannedPair.newBuilder().setProfile(profile).setKustomization(ks).setNamespace(namespace)
        .setPath(path).setAction(PairAction.RENDER).setReason(reason).build();
  }

  /** Head is visited after base, so a head pair replaces the base pair of the same key. */
  private static void put(Map<String, PlannedPair> pairs, PlannedPair pair) {
    pairs.put(pair.getProfile() + '\u0000' + pair.getKustomization() + '\u0000' + pair.getNamespace(), pair);
  }

  private static String normalised(String path) {
    try {
      return TreePath.normalize(path);
    } catch (IllegalArgumentException e) {
      return path;
    }
  }

  private static String message(String side, Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof RenderException || text.startsWith(side) ? text : side + ": " + text;
  }

  private static Path workDir(Path dataDir) throws IOException {
    Path work = dataDir.resolve("work");
    Files.createDirectories(work);
    return Files.createTempDirectory(work, "renderer");
  }
}
