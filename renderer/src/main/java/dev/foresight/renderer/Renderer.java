package dev.foresight.renderer;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.cache.CachingEngine;
import dev.foresight.renderer.cache.RenderCache;
import dev.foresight.renderer.engine.CountingEngine;
import dev.foresight.renderer.engine.Engine;
import dev.foresight.renderer.engine.ExecEngine;
import dev.foresight.renderer.engine.NativeEngine;
import dev.foresight.renderer.engine.VerifyingEngine;
import dev.foresight.renderer.engine.RenderException;
import dev.foresight.renderer.changelog.ChangelogSettings;
import dev.foresight.renderer.changelog.Changelogs;
import dev.foresight.renderer.changelog.Promotions;
import dev.foresight.renderer.closure.Closure;
import dev.foresight.renderer.closure.ClosureCollector;
import dev.foresight.renderer.flux.FluxKustomization;
import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.flux.KustomizationOverlay;
import dev.foresight.renderer.remote.RemoteGuard;
import dev.foresight.renderer.remote.RemotePolicy;
import dev.foresight.renderer.remote.TrustedRemotes;
import dev.foresight.renderer.flux.Profile;
import dev.foresight.renderer.flux.ProfileDiscovery;
import dev.foresight.renderer.flux.SubstitutionSources;
import dev.foresight.renderer.git.GitFileTree;
import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.renderer.manifest.Manifests;
import dev.foresight.renderer.output.OutputFilter;
import dev.foresight.renderer.output.OutputRules;
import dev.foresight.renderer.secret.SecretFlows;
import dev.foresight.renderer.secret.SecretMasker;
import dev.foresight.renderer.tree.ProfileTree;
import dev.foresight.renderer.tree.ProfileTreeWalker;
import dev.foresight.renderer.tree.SourceArtifacts;
import dev.foresight.renderer.tree.RepositoryObjects;
import dev.foresight.renderer.tree.TreeNode;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Changelog;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The renderer's front door: plans a change into profile x Flux Kustomization pairs (the whole tree
 * of each profile, see {@link ProfileTreeWalker}) and renders each pair at base and head. Never
 * throws for bad input: failures come back in {@link RenderPlan#getError()} or as
 * {@link RenderStatus#ERROR} results. Thread-safe; each profile tree is rendered once per (commit
 * tree, profile, other sources' tips) and memoised (the last {@value #TREES_KEPT}), so the worker
 * of a child pair re-derives its final spec from the same walk. The profiles of one side are walked
 * in parallel (one thread per core).
 */
public final class Renderer implements AutoCloseable {

  /** The kustomization name of the pair that stands for a profile whose entry does not render. */
  public static final String PROFILE_PAIR = "(profile)";

  /** How long the tip of another GitRepository (foresight.yaml sources) is reused before a fetch. */
  public static final Duration SOURCE_TIP_MAX_AGE = Duration.ofSeconds(60);

  static final int TREES_KEPT = 128;

  private final GitMirrors mirrors;
  private final Changelogs changelogs;
  private final Promotions promotions;
  private final Engine engine;
  /** Counts the builds that reach the real engine (beneath the render cache). */
  private final CountingEngine builds;
  /** The render cache in front of the engine, or null. */
  private final CachingEngine cache;
  private final SecretMasker masker;
  /** {@code --profile-path}: the profiles of both sides when not empty. */
  private final List<Profile> profilePaths;
  private final Memo<Walked> trees = new Memo<>(TREES_KEPT);
  private final Memo<RepositoryObjects> repositoryObjects = new Memo<>(16);
  /** Head commit to its output rules (every pair of a change applies the same ones). */
  private final Memo<HeadRules> outputRules = new Memo<>(64);
  /** Repository and base commit to what the trusted side lets the renderer fetch. */
  private final Memo<TrustedRemotes> trustedRemotes = new Memo<>(64);
  private volatile RemotePolicy operatorRemotes = RemotePolicy.fromEnvironment();
  private final Path ownedWorkDir;
  private volatile PairDecider decider;
  private final ExecutorService walkers = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("foresight-profile-walk"));

  /** With the exec engine, working under {@code <dataDir>/work/}. */
  public Renderer(RendererConfig config) throws IOException {
    this(config, null, workDir(config.dataDir()));
  }

  /**
   * With another engine (e.g. the native one, or a caching one), used as given; the renderer
   * closes it. Its {@link #counters()} count every build asked of it as a build (a cache inside
   * it is not seen).
   */
  public Renderer(RendererConfig config, Engine engine) {
    this(config, engine, null);
  }

  private Renderer(RendererConfig config, Engine engine, Path ownedWorkDir) {
    this.mirrors = new GitMirrors(config.dataDir());
    this.changelogs = new Changelogs(mirrors);
    this.promotions = new Promotions(mirrors);
    this.builds = new CountingEngine(engine != null ? engine
        : chosen(config, new ExecEngine(ownedWorkDir, config.timeout())));
    this.cache = engine != null ? null : cached(builds, config);
    this.engine = cache != null ? cache : builds;
    this.masker = new SecretMasker(config.maskKey());
    this.profilePaths = config.profilePaths();
    this.ownedWorkDir = ownedWorkDir;
    this.decider = config.affectedOnly() ? new AffectedOnly(mirrors) : PairDecider.RENDER_ALL;
  }

  private static Engine chosen(RendererConfig config, ExecEngine exec) {
    return switch (config.engine()) {
      case EXEC -> exec;
      case NATIVE -> new NativeEngine(exec.available() ? exec : null);
      case VERIFY -> new VerifyingEngine(exec);
    };
  }

  /**
   * {@code engine} behind the render cache of the data directory, bounded by the config's
   * {@code cacheMaxBytes}; null when the config turns the cache off.
   */
  private static CachingEngine cached(Engine engine, RendererConfig config) {
    if (!config.cache()) {
      return null;
    }
    try {
      return new CachingEngine(engine, new RenderCache(config.dataDir(), config.cacheMaxBytes(),
          java.time.Clock.systemUTC(), config.maskKey()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot open the render cache under " + config.dataDir()
          + "/cache: " + e.getMessage() + " (give a writable --data-dir)", e);
    }
  }

  /** How results are labelled, e.g. {@code exec:kubectl}. */
  public String engineName() {
    return engine.name();
  }

  /**
   * Engine builds executed and render-cache lookups and hits since this renderer was created, by
   * planning ({@link #plan} walks the profile trees) and rendering alike; thread-safe.
   */
  public RenderCounters counters() {
    // read hits before lookups: a concurrent build never makes hits exceed lookups
    long hits = cache == null ? 0 : cache.hits();
    long lookups = cache == null ? 0 : cache.lookups();
    return new RenderCounters(builds.builds(), lookups, hits);
  }

  /**
   * Sets the operator's remote allow-list (default: {@code FORESIGHT_REMOTE_ALLOW}), joined with
   * the base revision's {@code render.remote.allow}; see {@link RemotePolicy}.
   */
  public void setRemotePolicy(RemotePolicy operator) {
    this.operatorRemotes = operator == null ? RemotePolicy.NONE : operator;
    trustedRemotes.clear();
    trees.clear();
  }

  /**
   * What the change's trusted side allows to be fetched: the base revision's foresight.yaml
   * ({@code render.remote.allow}, {@code sources}) and the operator's allow-list; never the head's.
   * A base without foresight.yaml, a created ref, or a malformed base file: the operator's only.
   */
  TrustedRemotes trustedRemotes(ChangeRequested change) {
    RemotePolicy operator = operatorRemotes;
    return trustedRemotes.get(change.getRepo() + "@" + change.getBase() + "#" + operator.fingerprint(), () -> {
      try {
        return TrustedRemotes.of(ForesightConfig.load(mirrors.tree(change.getRepo(), change.getBase())), operator);
      } catch (IOException | ForesightConfig.InvalidException | RuntimeException e) {
        return TrustedRemotes.operator(operator);
      }
    });
  }

  /** Sets the per-pair decision of {@link #plan} (default: affected-only, unless the config says otherwise). */
  public void pairDecider(PairDecider decider) {
    this.decider = decider == null ? PairDecider.RENDER_ALL : decider;
  }

  /**
   * Every profile x Flux Kustomization pair of the trees at base or head, sorted by profile then
   * name, with the GitOps commits between base and head ({@link RenderPlan#getChangelog()}) and
   * the change's kind refined by {@link #promotion}.
   */
  public RenderPlan plan(ChangeRequested change) {
    return plan(promotion(change));
  }

  /** {@link #plan(ChangeRequested)} of an already classified change (the plan's change is the verdict's). */
  public RenderPlan plan(Promotions.Verdict verdict) {
    ChangeRequested change = verdict.change();
    RenderPlan plan = planPairs(change);
    ChangelogSettings settings = ChangelogSettings.DEFAULT;
    String settingsError = null;
    try {
      settings = changelogs.settings(change);
    } catch (IOException | ForesightConfig.InvalidException | RuntimeException e) {
      settingsError = e.getMessage();
    }
    Changelog changelog = changelogs.gitops(change, settings);
    if (settingsError != null && changelog.getError() == null) {
      changelog.setError("listed with the default changelog settings: " + settingsError);
    }
    plan.setChangelog(changelog);
    return plan;
  }

  /**
   * Whether {@code change} is a promotion, from git facts (fast-forward of a promotion branch to a
   * commit already on its upstream; see foresight.yaml {@code promotions:}): the change with its
   * kind set accordingly (ids and key unchanged) and why.
   */
  public Promotions.Verdict promotion(ChangeRequested change) {
    ChangelogSettings settings;
    try {
      settings = changelogs.settings(change);
    } catch (IOException | ForesightConfig.InvalidException | RuntimeException e) {
      settings = ChangelogSettings.DEFAULT;
    }
    return promotions.classify(change, settings);
  }

  private RenderPlan planPairs(ChangeRequested change) {
    RenderPlan.Builder plan = RenderPlan.newBuilder().setChangeId(change.getChangeId()).setChange(change)
        .setPairs(new ArrayList<>()).setPlannedAt(Instant.now());
    try {
      List<PairSides> sides = pairs(change);
      if (sides.isEmpty() && noProfiles(change)) {
        return plan.setError("no profiles at base (" + GitMirrors.abbreviate(change.getBase()) + ") nor at head ("
            + GitMirrors.abbreviate(change.getHead()) + ") of " + change.getRepo() + "; Foresight renders every"
            + " directory " + ProfileDiscovery.ROOT + "/<name> and " + ProfileDiscovery.CLUSTERS + "/<name>, else the"
            + " directory of each root Flux Kustomization (one no other Kustomization's spec.path contains), or the"
            + " profiles: of " + ForesightConfig.FILE + " (on the command line: --profile-path NAME=DIR)").build();
      }
      PairDecider decide = decider;
      List<PlannedPair> pairs = new ArrayList<>();
      for (PairSides pair : sides) {
        TreeNode node = pair.head() != null ? pair.head() : pair.base();
        String path = node != null ? node.path() : profileEntry(change, pair.profile());
        PlannedPair planned = PlannedPair.newBuilder().setProfile(pair.profile()).setKustomization(pair.kustomization())
            .setNamespace(pair.namespace()).setPath(path).setAction(PairAction.RENDER)
            .setReason(masker.scrub(pair.profileError(), List.of()))
            .build();
        pairs.add(decide.decide(change, pair, planned));
      }
      return plan.setPairs(pairs).build();
    } catch (IOException | ForesightConfig.InvalidException | RuntimeException e) {
      return plan.setError(masker.scrub("cannot plan change " + change.getChangeId() + " of " + change.getRepo()
          + ": " + e.getMessage(), List.of())).build();
    }
  }

  /**
   * Every pair of the change with its node at base and at head (final spec after the parents'
   * patches and substitution, output, warnings), sorted by profile, name, namespace: what
   * {@link #plan} decides on.
   *
   * @throws ForesightConfig.InvalidException when head's foresight.yaml is malformed
   */
  public List<PairSides> pairs(ChangeRequested change) throws IOException, ForesightConfig.InvalidException {
    Side base = side("base", change, change.getBase());
    Side head = side("head", change, change.getHead());
    Map<String, ProfileTree> baseTrees = profileTrees(trees(change, base, false));
    Map<String, ProfileTree> headTrees = profileTrees(trees(change, head, true));
    Set<String> profiles = new LinkedHashSet<>(baseTrees.keySet());
    profiles.addAll(headTrees.keySet());
    TreeMap<String, PairSides> pairs = new TreeMap<>();
    for (String profile : profiles) {
      ProfileTree b = baseTrees.get(profile);
      ProfileTree h = headTrees.get(profile);
      String entryError = h != null && h.entryError() != null ? head.label() + ", " + h.entryError()
          : h == null && b != null && b.entryError() != null ? base.label() + ", " + b.entryError() : null;
      if (entryError != null) {
        PairSides pair = new PairSides(profile, "", PROFILE_PAIR, null, null, entryError);
        pairs.put(pair.key(), pair);
      }
      Map<String, TreeNode[]> nodes = new LinkedHashMap<>();
      if (b != null) {
        b.nodes().forEach(n -> nodes.computeIfAbsent(n.id(), k -> new TreeNode[2])[0] = n);
      }
      if (h != null) {
        h.nodes().forEach(n -> nodes.computeIfAbsent(n.id(), k -> new TreeNode[2])[1] = n);
      }
      for (TreeNode[] both : nodes.values()) {
        FluxKustomization ks = (both[1] != null ? both[1] : both[0]).ks();
        PairSides pair = new PairSides(profile, ks.namespace(), ks.name(), both[0], both[1], null);
        pairs.put(pair.key(), pair);
      }
    }
    return List.copyOf(pairs.values());
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

  /** Renders one pair at base and head: built with Flux semantics, substituted, Secrets masked. */
  public RenderResult render(RenderJob job) {
    long start = System.nanoTime();
    ChangeRequested change = job.getChange();
    RenderResult.Builder result = RenderResult.newBuilder().setChangeId(job.getChangeId())
        .setProfile(job.getProfile()).setKustomization(job.getKustomization()).setNamespace(job.getNamespace())
        .setStatus(RenderStatus.OK).setEngine(engine.name()).setDurationMs(0).setWarnings(new ArrayList<>())
        .setCacheHits(0);
    List<String> errors = new ArrayList<>();
    List<String> baseWarnings = new ArrayList<>();
    List<String> headWarnings = new ArrayList<>();
    boolean[] found = new boolean[2];
    int[] cacheHits = new int[1];
    Set<String> secretValues = new LinkedHashSet<>();
    OutputRules rules = OutputRules.NONE;
    try {
      rules = outputRules(change);
    } catch (ForesightConfig.InvalidException | IOException | RuntimeException e) {
      errors.add("head: " + e.getMessage());
    }
    if (errors.isEmpty()) {
      try {
        result.setBase(renderSide(job, side("base", change, change.getBase()), false, baseWarnings, found, 0,
            cacheHits, rules, secretValues));
      } catch (RenderException | IOException | RuntimeException e) {
        errors.add(message("base", e));
      }
      try {
        result.setHead(renderSide(job, side("head", change, change.getHead()), true, headWarnings, found, 1,
            cacheHits, rules, secretValues));
      } catch (RenderException | IOException | RuntimeException e) {
        errors.add(message("head", e));
      }
    }
    List<String> warnings = found[0] && found[1] ? mergeWarnings(baseWarnings, headWarnings)
        : new ArrayList<>(new LinkedHashSet<>(found[0] ? baseWarnings : headWarnings));
    result.setWarnings(new ArrayList<>(warnings.stream().map(w -> masker.scrub(w, secretValues)).toList()));
    if (!errors.isEmpty()) {
      result.setStatus(RenderStatus.ERROR).setError(masker.scrub(String.join("\n", errors), secretValues));
    }
    if (result.getBase() != null && result.getHead() != null) {
      result.setComponents(changelogs.components(change, job.getProfile() + "/" + job.getKustomization(),
          result.getBase().getContent(), result.getHead().getContent(), trustedRemotes(change).policy()));
    }
    return result.setCacheHits(cacheHits[0]).setDurationMs((System.nanoTime() - start) / 1_000_000).build();
  }

  /**
   * The output rules ({@code report.mask}, {@code report.ignore} of foresight.yaml) at the change's
   * head, applied to both sides so that the diff compares like with like.
   */
  private OutputRules outputRules(ChangeRequested change) throws IOException, ForesightConfig.InvalidException {
    HeadRules rules;
    try {
      rules = outputRules.get(change.getRepo() + "@" + change.getHead(), () -> {
        try {
          return new HeadRules(OutputRules.of(ForesightConfig.load(mirrors.tree(change.getRepo(), change.getHead()))),
              null);
        } catch (ForesightConfig.InvalidException e) {
          return new HeadRules(null, e.getMessage() + " (at head " + GitMirrors.abbreviate(change.getHead()) + ")");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e); // not memoised: the next pair tries again
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    if (rules.error() != null) {
      throw new ForesightConfig.InvalidException(rules.error());
    }
    return rules.rules();
  }

  /** A head's output rules, or why its foresight.yaml gives none. */
  private record HeadRules(OutputRules rules, String error) {}

  /**
   * A profile tree, the clear values of the Secrets it read or rendered (to scrub messages), and by
   * node id where each build copied Secret data into other objects (in memory only, never published).
   */
  private record Walked(ProfileTree tree, Set<String> secretValues, Map<String, SecretFlows.Resolved> flows) {}

  private static Map<String, ProfileTree> profileTrees(Map<String, Walked> walked) {
    Map<String, ProfileTree> out = new LinkedHashMap<>();
    walked.forEach((k, v) -> out.put(k, v.tree()));
    return out;
  }

  /** The tree of {@code profile} at {@code sha} (memoised); empty when the profile does not exist there. */
  public Optional<ProfileTree> tree(ChangeRequested change, String sha, String profile)
      throws IOException, ForesightConfig.InvalidException {
    return profileTree(change, side("tree", change, sha), true, profile).map(Walked::tree);
  }

  @Override
  public void close() {
    walkers.shutdownNow();
    engine.close();
    mirrors.close();
    trees.clear();
    repositoryObjects.clear();
    if (ownedWorkDir != null) {
      try {
        org.eclipse.jgit.util.FileUtils.delete(ownedWorkDir.toFile(),
            org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.SKIP_MISSING);
      } catch (IOException ignored) {
        // best effort: a temporary directory under the data dir
      }
    }
  }

  private RenderedSide renderSide(RenderJob job, Side side, boolean strict, List<String> warnings, boolean[] found,
      int index, int[] cacheHits, OutputRules rules, Set<String> secretValues) throws RenderException, IOException {
    Walked walked;
    try {
      walked = profileTree(job.getChange(), side, strict, job.getProfile()).orElse(null);
    } catch (ForesightConfig.InvalidException e) {
      throw new RenderException(side.label() + ": " + e.getMessage());
    }
    if (walked == null) {
      return null;
    }
    ProfileTree tree = walked.tree();
    secretValues.addAll(walked.secretValues());
    if (tree.entryError() != null) {
      throw new RenderException(side.label() + ", " + tree.entryError());
    }
    TreeNode node = tree.find(job.getNamespace(), job.getKustomization()).orElse(null);
    if (node == null) {
      return null;
    }
    found[index] = true;
    warnings.addAll(node.warnings());
    if (node.cached()) {
      cacheHits[0]++;
    }
    if (node.error() != null) {
      throw new RenderException(side.label() + ", " + node.error());
    }
    if (!node.rendered()) {
      return null;
    }
    String masked = masker.maskFlows(masker.mask(node.output()),
        walked.flows().getOrDefault(node.id(), SecretFlows.Resolved.NONE));
    OutputFilter.Result filtered = OutputFilter.apply(masked, rules, masker::token);
    warnings.addAll(filtered.notes());
    masked = filtered.text();
    return RenderedSide.newBuilder().setPath(node.path()).setContent(masked).setObjects(Manifests.count(masked))
        .build();
  }

  /**
   * The tree of one profile of one side, walking no other profile (a render worker's job is one
   * profile x Flux Kustomization: the parents it needs, which patch and substitute it, are in this
   * profile's tree; the other profiles are not read). Empty when the side has no such profile, or
   * (unless {@code strict}) a malformed foresight.yaml. The same profile as {@link #trees} picks.
   */
  private Optional<Walked> profileTree(ChangeRequested change, Side side, boolean strict, String name)
      throws IOException, ForesightConfig.InvalidException {
    ForesightConfig config = config(change, side, strict);
    if (config == null) {
      return Optional.empty();
    }
    Profile chosen = null;
    for (Profile profile : renderable(side, config, strict)) {
      if (profile.name().equals(name)) {
        chosen = profile; // the last of a name, as trees() keeps it
      }
    }
    return chosen == null ? Optional.empty() : Optional.of(tree(change, side, config, chosen));
  }

  /**
   * The side's foresight.yaml with the profiles the side renders ({@link #profilesOf}); null when
   * malformed and not {@code strict}.
   */
  private ForesightConfig config(ChangeRequested change, Side side, boolean strict)
      throws IOException, ForesightConfig.InvalidException {
    try {
      ForesightConfig config = ForesightConfig.load(side.tree());
      RemotePolicy.of(config); // render.remote is validated on every side read strictly, used only from base
      return profilesOf(change, side.name().equals("base"), config);
    } catch (ForesightConfig.InvalidException e) {
      if (strict) {
        throw new ForesightConfig.InvalidException(e.getMessage() + " (at " + side.label() + ")");
      }
      return null;
    }
  }

  /**
   * {@code config} with the profiles a side renders: {@code --profile-path} when given; else its
   * own {@code profiles:}; else, at base, head's {@code profiles:} (a change that introduces
   * foresight.yaml compares the same profiles at both sides instead of reporting every object as new);
   * else none set (discovery).
   */
  private ForesightConfig profilesOf(ChangeRequested change, boolean base, ForesightConfig config) throws IOException {
    if (!profilePaths.isEmpty()) {
      return config.withProfiles(profilePaths);
    }
    if (config.profilesSet() || !base) {
      return config;
    }
    try {
      ForesightConfig head = ForesightConfig.load(mirrors.tree(change.getRepo(), change.getHead()));
      return head.profilesSet() ? config.withProfiles(head.profiles()) : config;
    } catch (ForesightConfig.InvalidException malformed) {
      return config; // head's own planning reports it
    }
  }

  /**
   * The profiles of the side whose entry directory exists; ambiguous default profile names throw
   * only when {@code strict} (else the side has no profiles, as with a malformed foresight.yaml).
   */
  private static List<Profile> renderable(Side side, ForesightConfig config, boolean strict)
      throws IOException, ForesightConfig.InvalidException {
    List<Profile> discovered;
    try {
      discovered = ProfileDiscovery.discover(side.tree(), config);
    } catch (ForesightConfig.InvalidException e) {
      if (strict) {
        throw new ForesightConfig.InvalidException(e.getMessage() + " (at " + side.label() + ")");
      }
      return List.of();
    }
    List<Profile> out = new ArrayList<>();
    for (Profile profile : discovered) {
      if (side.tree().isDirectory(profile.entry())) {
        out.add(profile);
      }
    }
    return out;
  }

  /**
   * Every profile tree of one side, by profile name; a malformed foresight.yaml or ambiguous profile
   * names throw only when {@code strict}.
   */
  private Map<String, Walked> trees(ChangeRequested change, Side side, boolean strict)
      throws IOException, ForesightConfig.InvalidException {
    ForesightConfig config = config(change, side, strict);
    if (config == null) {
      return Map.of();
    }
    Map<String, CompletableFuture<Walked>> walks = new LinkedHashMap<>();
    SourceArtifacts artifacts = new SourceArtifacts(); // .sourceignore files read once for the side
    for (Profile profile : renderable(side, config, strict)) {
      walks.put(profile.name(), CompletableFuture.supplyAsync(() -> {
        try {
          return tree(change, side, config, profile, artifacts);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, walkers));
    }
    Map<String, Walked> out = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<Walked>> walk : walks.entrySet()) {
      try {
        out.put(walk.getKey(), walk.getValue().join());
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof java.io.UncheckedIOException io) {
          throw io.getCause();
        }
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    return out;
  }

  private Walked tree(ChangeRequested change, Side side, ForesightConfig config, Profile profile)
      throws IOException {
    return tree(change, side, config, profile, new SourceArtifacts());
  }

  /** {@code artifacts}: the GitRepository artifact views, shared by the walks of one side. */
  private Walked tree(ChangeRequested change, Side side, ForesightConfig config, Profile profile,
      SourceArtifacts artifacts) throws IOException {
    Map<String, String> tips = new TreeMap<>();
    TrustedRemotes trusted = trustedRemotes(change);
    for (Map.Entry<String, ForesightConfig.Source> source : new TreeMap<>(config.sources()).entrySet()) {
      if (!source.getValue().self() && trusted.repositoryRefusal(source.getValue().url()) != null) {
        tips.put(source.getKey(), "not fetched");
      } else if (!source.getValue().self()) {
        try {
          tips.put(source.getKey(), mirrors.tip(source.getValue().url(), source.getValue().ref(), SOURCE_TIP_MAX_AGE));
        } catch (IOException e) {
          tips.put(source.getKey(), "unavailable");
        }
      }
    }
    String key = change.getRepo() + "@" + treeKey(side) + "/" + profile.name() + ":" + profile.entry() + tips
        + "#" + trusted.fingerprint();
    return trees.get(key, () -> {
      SubstitutionSources repoObjects = repositoryObjects(side);
      // Secret-sourced postBuild variables are substituted as mask tokens (their spans, nothing else);
      // their clear values are kept (in memory only) to scrub them from this tree's messages.
      Set<String> substituted = java.util.concurrent.ConcurrentHashMap.newKeySet();
      ProfileTreeWalker walker = new ProfileTreeWalker(new RemoteGuard(engine, trusted.policy()), value -> {
        substituted.add(value);
        return masker.token(value);
      }, config.strictPostBuildSubstitutions());
      ProfileTree walked = walker.walk(profile, side.tree(), ks -> source(ks, side, config, trusted, repoObjects), repoObjects,
          artifacts);
      Set<String> values = new LinkedHashSet<>(substituted);
      Map<String, SecretFlows.Resolved> flows = new LinkedHashMap<>();
      for (TreeNode n : walked.nodes()) {
        Set<String> own = masker.secretValues(n.output());
        values.addAll(own);
        SecretFlows.Resolved resolved = flows(n, own);
        if (!resolved.isEmpty()) {
          flows.put(n.id(), resolved);
        }
      }
      return new Walked(walked, Set.copyOf(values), Map.copyOf(flows));
    });
  }

  /**
   * Where {@code node}'s build copied Secret data into other objects (replacements, vars), read
   * from the files of its closure; when the closure is not fully known (a remote base, a KRM
   * function, an unreadable file), the conservative fallback: the Secret values of its output
   * ({@code secretValues}) masked by equality in that output.
   */
  private static SecretFlows.Resolved flows(TreeNode node, Set<String> secretValues) {
    if (!node.rendered() || secretValues.isEmpty() || node.sourceTree() == null) {
      return SecretFlows.Resolved.NONE;
    }
    try {
      FileTree build = KustomizationOverlay.apply(node.sourceTree(), node.path(), node.ks().spec());
      Closure closure = ClosureCollector.collect(build, node.path());
      if (closure.alwaysAffected()) {
        return new SecretFlows.Resolved(List.of(), secretValues);
      }
      return SecretFlows.scan(build, closure.files()).resolve(node.output());
    } catch (IOException | RuntimeException e) {
      return new SecretFlows.Resolved(List.of(), secretValues);
    }
  }

  private SubstitutionSources repositoryObjects(Side side) {
    SubstitutionSources lazy = new SubstitutionSources() {
      private RepositoryObjects objects;

      @Override
      public synchronized Optional<Found> find(String kind, String namespace, String name) {
        if (objects == null) {
          objects = repositoryObjects.get(treeKey(side), () -> {
            try {
              return RepositoryObjects.scan(side.tree());
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
        }
        return objects.find(kind, namespace, name);
      }
    };
    return lazy;
  }

  /** Where {@code ks}'s files come from (foresight.yaml sources, this repository, or not rendered). */
  private ProfileTreeWalker.Source source(FluxKustomization ks, Side side, ForesightConfig config,
      TrustedRemotes trusted, SubstitutionSources repoObjects) {
    String kind = ks.sourceKind();
    String name = ks.sourceName();
    String namespace = ks.sourceNamespace();
    String id = namespace.isEmpty() ? name : namespace + "/" + name;
    if (!kind.equals("GitRepository")) {
      return ProfileTreeWalker.Source.notRendered("not rendered: source " + kind + " " + id
          + sourceUrl(repoObjects, kind, namespace, name) + " not fetched: " + kind + " sources cannot be read offline");
    }
    Optional<ForesightConfig.Source> configured = config.source(namespace, name);
    if (configured.isPresent() && !configured.get().self()) {
      ForesightConfig.Source source = configured.get();
      String refusal = trusted.repositoryRefusal(source.url());
      if (refusal != null) {
        return ProfileTreeWalker.Source.failed("GitRepository " + id + " (" + source.url() + ", from sources." + id
            + " of " + ForesightConfig.FILE + " at " + side.label() + ") not fetched " + RemotePolicy.SEE + ": "
            + refusal + "; a git source is fetched when foresight.yaml on the base branch lists it, or when"
            + " render.remote.allow there (or " + RemotePolicy.ENVIRONMENT + ") allows its URL");
      }
      try {
        String tip = mirrors.tip(source.url(), source.ref(), SOURCE_TIP_MAX_AGE);
        FileTree tree = mirrors.tree(source.url(), tip);
        return ProfileTreeWalker.Source.of(tree, "GitRepository " + id + " (" + source.url() + " " + source.ref() + " at "
            + GitMirrors.abbreviate(tip) + ")");
      } catch (IOException e) {
        return ProfileTreeWalker.Source.failed("GitRepository " + id + " (" + source.url() + ", ref " + source.ref()
            + ", from " + ForesightConfig.FILE + ") cannot be read: " + e.getMessage());
      }
    }
    if (configured.isPresent() || name.isEmpty() || name.equals("flux-system")) {
      return ProfileTreeWalker.Source.of(side.tree(), "this repository");
    }
    return ProfileTreeWalker.Source.notRendered("not rendered: source GitRepository " + id
        + sourceUrl(repoObjects, kind, namespace, name) + " not fetched: it is another repository;"
        + " configure it in " + ForesightConfig.FILE + " as sources: {" + id + ": {url: <git URL or path>, ref: <branch"
        + " or tag>}} (or url: self when it is this repository)");
  }

  /**
   * " (URL)" of the source object the repository's files declare ({@code spec.url}; a Bucket's
   * endpoint and bucket name), or "" when none is found: said so a reviewer sees what was not fetched.
   */
  private static String sourceUrl(SubstitutionSources repoObjects, String kind, String namespace, String name) {
    try {
      Optional<SubstitutionSources.Found> found = repoObjects.find(kind, namespace, name);
      if (found.isEmpty() || !(found.get().object().get("spec") instanceof Map<?, ?> spec)) {
        return "";
      }
      if (spec.get("url") != null) {
        return " (" + spec.get("url") + ")";
      }
      if (spec.get("endpoint") != null) {
        return " (" + spec.get("endpoint") + (spec.get("bucketName") != null ? "/" + spec.get("bucketName") : "") + ")";
      }
      return "";
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  private boolean noProfiles(ChangeRequested change) throws IOException {
    for (String sha : List.of(change.getBase(), change.getHead())) {
      FileTree tree = mirrors.tree(change.getRepo(), sha);
      try {
        boolean base = sha.equals(change.getBase()) && !sha.equals(change.getHead());
        if (!ProfileDiscovery.discover(tree, profilesOf(change, base, ForesightConfig.load(tree))).isEmpty()) {
          return false;
        }
      } catch (ForesightConfig.InvalidException e) {
        return false;
      }
    }
    return true;
  }

  private String profileEntry(ChangeRequested change, String profile) {
    for (String sha : List.of(change.getHead(), change.getBase())) {
      try {
        FileTree tree = mirrors.tree(change.getRepo(), sha);
        boolean base = sha.equals(change.getBase()) && !sha.equals(change.getHead());
        for (Profile p : ProfileDiscovery.discover(tree, profilesOf(change, base, ForesightConfig.load(tree)))) {
          if (p.name().equals(profile)) {
            return p.entry();
          }
        }
      } catch (IOException | ForesightConfig.InvalidException | RuntimeException ignored) {
        // try the other side
      }
    }
    return null;
  }

  private Side side(String name, ChangeRequested change, String sha) throws IOException {
    FileTree tree = mirrors.tree(change.getRepo(), sha);
    return new Side(name, sha, tree);
  }

  private static String treeKey(Side side) {
    return side.tree() instanceof GitFileTree git ? git.treeId() : side.sha();
  }

  /** When the pair exists on both sides: a warning of both sides once, one side's prefixed with the side. */
  static List<String> mergeWarnings(List<String> base, List<String> head) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : base) {
      out.add(head.contains(w) ? w : "base: " + w);
    }
    for (String w : head) {
      out.add(base.contains(w) ? w : "head: " + w);
    }
    return new ArrayList<>(out);
  }

  private static String message(String side, Exception e) {
    String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof RenderException || text.startsWith(side) ? text : side + ": " + text;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static Path workDir(Path dataDir) throws IOException {
    Path work = dataDir.resolve("work");
    Files.createDirectories(work);
    return Files.createTempDirectory(work, "renderer");
  }

  /** A bounded memo (least recently used out) computing each value once, other keys not blocked. */
  private static final class Memo<V> {
    private final int capacity;
    private final LinkedHashMap<String, Holder<V>> entries = new LinkedHashMap<>(16, 0.75f, true);

    Memo(int capacity) {
      this.capacity = capacity;
    }

    V get(String key, Supplier<V> compute) {
      Holder<V> holder;
      synchronized (entries) {
        holder = entries.computeIfAbsent(key, k -> new Holder<>());
        while (entries.size() > capacity) {
          var eldest = entries.keySet().iterator();
          eldest.next();
          eldest.remove();
        }
      }
      return holder.get(compute);
    }

    void clear() {
      synchronized (entries) {
        entries.clear();
      }
    }
  }

  private static final class Holder<V> {
    private V value;

    synchronized V get(Supplier<V> compute) {
      if (value == null) {
        value = compute.get();
      }
      return value;
    }
  }
}
