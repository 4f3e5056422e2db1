package dev.foresight.renderer.changelog;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.renderer.remote.RemotePolicy;
import dev.foresight.renderer.remote.TrustedRemotes;
import dev.foresight.schema.ChangeIds;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.Changelog;
import dev.foresight.schema.ComponentChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The changelog of a change, read from the git mirrors: the GitOps repository's commits between
 * base and head, and for each image whose tag moves in a rendered pair, its component
 * repository's commits between the two tags (memoised per (repository, from, to), the last
 * {@value #COMPONENTS_KEPT}; errors are not, so a tag pushed later is found). Never throws for bad data: what cannot be listed is said in the
 * {@code error} fields. Thread-safe.
 */
public final class Changelogs {

  static final int COMPONENTS_KEPT = 256;

  /** Head commits whose parsed settings are kept (a change asks for them at plan, promotion and every pair). */
  static final int SETTINGS_KEPT = 64;

  /** How long a component mirror is trusted before a tag lookup fetches it again. */
  static final Duration TAG_MAX_AGE = Duration.ofSeconds(60);

  private final GitMirrors mirrors;
  private final Duration tagMaxAge;
  private final Map<String, ComponentChange> memo = new LinkedHashMap<>(16, 0.75f, true);
  /** (repo @ head) to its ChangelogSettings or the InvalidException its foresight.yaml gives. */
  private final Map<String, Object> settingsMemo = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
      return size() > SETTINGS_KEPT;
    }
  };

  /** (repo @ base) to the component repositories base's settings name: read once, not per pair. */
  private final Map<String, Set<String>> baseLocationsMemo = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
      return size() > SETTINGS_KEPT;
    }
  };

  public Changelogs(GitMirrors mirrors) {
    this(mirrors, TAG_MAX_AGE);
  }

  /** {@code tagMaxAge}: how long a component mirror is trusted before a missing tag fetches it again. */
  Changelogs(GitMirrors mirrors, Duration tagMaxAge) {
    this.mirrors = mirrors;
    this.tagMaxAge = tagMaxAge;
  }

  /** The settings of head's {@code foresight.yaml} (defaults without one), memoised per head commit. */
  public ChangelogSettings settings(ChangeRequested change) throws IOException, ForesightConfig.InvalidException {
    return settingsAt(change.getRepo(), change.getHead());
  }

  /** The settings of {@code foresight.yaml} at {@code sha} of {@code repo}, memoised per commit. */
  private ChangelogSettings settingsAt(String repo, String sha) throws IOException, ForesightConfig.InvalidException {
    String key = repo + "@" + sha;
    Object known;
    synchronized (settingsMemo) {
      known = settingsMemo.get(key);
    }
    if (known instanceof ChangelogSettings settings) {
      return settings;
    }
    if (known instanceof ForesightConfig.InvalidException invalid) {
      throw new ForesightConfig.InvalidException(invalid.getMessage());
    }
    FileTree tree = mirrors.tree(repo, sha); // an IOException may pass: not memoised
    Object parsed;
    try {
      parsed = ChangelogSettings.of(ForesightConfig.load(tree));
    } catch (ForesightConfig.InvalidException invalid) {
      parsed = invalid;
    }
    synchronized (settingsMemo) {
      settingsMemo.put(key, parsed);
    }
    if (parsed instanceof ForesightConfig.InvalidException invalid) {
      throw invalid;
    }
    return (ChangelogSettings) parsed;
  }

  /**
   * The GitOps repository's commits reachable from head and not from base, newest first, at most
   * {@code settings.maxCommits()} (a created ref, base = 40 zeros, lists head's history up to that).
   */
  public Changelog gitops(ChangeRequested change, ChangelogSettings settings) {
    Changelog.Builder out = Changelog.newBuilder().setCommits(new ArrayList<>()).setComponents(new ArrayList<>())
        .setTruncated(false);
    String repo = change.getRepo();
    try {
      Repository repository = mirrors.open(repo);
      ObjectId head = mirrors.resolve(repo, change.getHead());
      ObjectId base = ChangeIds.ZERO_SHA.equals(change.getBase()) ? null : mirrors.resolve(repo, change.getBase());
      String webUrl = settings.webUrl() != null ? settings.webUrl() : WebUrls.derive(repo);
      CommitLog.Range range = CommitLog.list(repository, base, head, settings.maxCommits(), webUrl, settings.tickets());
      return out.setCommits(range.commits()).setTruncated(range.truncated()).build();
    } catch (IOException | RuntimeException e) {
      return out.setError("cannot list the commits of " + repo + " between " + GitMirrors.abbreviate(change.getBase())
          + " and " + GitMirrors.abbreviate(change.getHead()) + ": " + e.getMessage()).build();
    }
  }

  /**
   * The images whose tag moves between {@code baseYaml} and {@code headYaml} (one pair's rendered
   * output), each with its component repository's commits; {@code pairs} is {@code [pair]}.
   */
  public List<ComponentChange> components(ChangeRequested change, ChangelogSettings settings, String pair,
      String baseYaml, String headYaml) {
    return components(change, settings, pair, ImageMoves.between(baseYaml, headYaml), location -> null);
  }

  /**
   * Same as {@link #components(ChangeRequested, ChangelogSettings, String, String, String)} with
   * head's settings, read only when an image moves; a malformed changelog section is each
   * component's error. A component repository is fetched only when the base revision's settings
   * name it too ({@code changelog.components} or its {@code componentsFile}) or {@code policy} (the
   * trusted side's {@code render.remote.allow} and the operator's) allows it: the pull request's own
   * foresight.yaml never makes the renderer fetch an address (see {@link RemotePolicy}).
   */
  public List<ComponentChange> components(ChangeRequested change, String pair, String baseYaml, String headYaml,
      RemotePolicy policy) {
    List<ImageMoves.Move> moves = ImageMoves.between(baseYaml, headYaml);
    if (moves.isEmpty()) {
      return new ArrayList<>();
    }
    ChangelogSettings settings;
    try {
      settings = settings(change);
    } catch (IOException | ForesightConfig.InvalidException | RuntimeException e) {
      List<ComponentChange> out = new ArrayList<>();
      for (ImageMoves.Move move : moves) {
        out.add(ComponentChange.newBuilder().setName(lastSegment(move.image())).setImage(move.image())
            .setFrom(move.from()).setTo(move.to()).setCommits(new ArrayList<>()).setPairs(new ArrayList<>(List.of(pair)))
            .setError("cannot read the changelog settings of head: " + e.getMessage()).build());
      }
      return out;
    }
    Set<String> named = baseLocations(change);
    return components(change, settings, pair, moves, location -> named.contains(location) ? null
        : policy.refusal(TrustedRemotes.gitReference(location, "changelog.components")));
  }

  /**
   * The component repositories (resolved locations) the base revision's settings name: its
   * {@code changelog.components} and the entries of its {@code componentsFile}. Empty for a created
   * ref or a base whose settings cannot be read.
   */
  private Set<String> baseLocations(ChangeRequested change) {
    if (ChangeIds.ZERO_SHA.equals(change.getBase())) {
      return Set.of();
    }
    String key = change.getRepo() + "@" + change.getBase();
    synchronized (baseLocationsMemo) {
      Set<String> known = baseLocationsMemo.get(key);
      if (known != null) {
        return known;
      }
    }
    Set<String> out;
    try {
      out = readBaseLocations(change);
    } catch (IOException unreadable) {
      return Set.of(); // what base cannot name is not trusted; not memoised: a later read may work
    }
    synchronized (baseLocationsMemo) {
      baseLocationsMemo.put(key, out);
    }
    return out;
  }

  private Set<String> readBaseLocations(ChangeRequested change) throws IOException {
    Set<String> out = new HashSet<>();
    try {
      ChangelogSettings base = settingsAt(change.getRepo(), change.getBase());
      for (ChangelogSettings.Component component : base.components().values()) {
        out.add(Locations.resolve(change.getRepo(), component.repository()));
      }
      if (base.componentsFile() != null) {
        for (ChangelogSettings.Component component : componentsFile(change, base.componentsFile(), change.getBase())
            .values()) {
          out.add(Locations.resolve(change.getRepo(), component.repository()));
        }
      }
    } catch (ForesightConfig.InvalidException | RuntimeException invalid) {
      // what base cannot name is not trusted
    }
    return out;
  }

  private List<ComponentChange> components(ChangeRequested change, ChangelogSettings settings, String pair,
      List<ImageMoves.Move> moves, Function<String, String> refusal) {
    List<ComponentChange> out = new ArrayList<>();
    Map<String, ChangelogSettings.Component> fromFile = null;
    String fileError = null;
    for (ImageMoves.Move move : moves) {
      Optional<ChangelogSettings.Component> spec = settings.component(move.image());
      if (spec.isEmpty() && settings.componentsFile() != null) {
        if (fromFile == null && fileError == null) {
          try {
            fromFile = componentsFile(change, settings.componentsFile(), change.getHead());
          } catch (IOException | IllegalArgumentException e) {
            fileError = e.getMessage();
          }
        }
        spec = fromFile == null ? Optional.empty() : Optional.ofNullable(fromFile.get(move.image()));
      }
      ComponentChange component;
      if (spec.isEmpty()) {
        component = ComponentChange.newBuilder().setName(lastSegment(move.image())).setImage(move.image())
            .setFrom(move.from()).setTo(move.to()).setCommits(new ArrayList<>()).setPairs(new ArrayList<>())
            .setError("no component repository configured for image " + move.image() + "; add it under changelog."
                + "components in " + ForesightConfig.FILE + (fileError != null ? " (changelog.componentsFile: "
                + fileError + ")" : settings.componentsFile() != null ? " or to " + settings.componentsFile() : ""))
            .build();
      } else {
        component = trusted(change, settings, spec.get(), move, refusal);
      }
      out.add(ComponentChange.newBuilder(component).setPairs(new ArrayList<>(List.of(pair))).build());
    }
    return out;
  }

  /** The component's change, or, when {@code refusal} refuses its repository, why it is not fetched. */
  private ComponentChange trusted(ChangeRequested change, ChangelogSettings settings,
      ChangelogSettings.Component spec, ImageMoves.Move move, Function<String, String> refusal) {
    String location = Locations.resolve(change.getRepo(), spec.repository());
    String refused = refusal.apply(location);
    if (refused == null) {
      return component(change, settings, spec, move);
    }
    return ComponentChange.newBuilder().setName(spec.displayName()).setImage(move.image()).setFrom(move.from())
        .setTo(move.to()).setRepository(location).setCommits(new ArrayList<>()).setPairs(new ArrayList<>())
        .setError("component repository " + location + " named only by the pull request: not fetched "
            + RemotePolicy.SEE + " (" + refused + "); it is fetched once the change is merged, or allow it with"
            + " render.remote.allow of " + ForesightConfig.FILE + " on the base branch / " + RemotePolicy.ENVIRONMENT)
        .build();
  }

  private ComponentChange component(ChangeRequested change, ChangelogSettings settings,
      ChangelogSettings.Component spec, ImageMoves.Move move) {
    String location = Locations.resolve(change.getRepo(), spec.repository());
    String key = location + "\n" + move.image() + "\n" + move.from() + "\n" + move.to();
    synchronized (memo) {
      ComponentChange known = memo.get(key);
      if (known != null) {
        return known;
      }
    }
    String webUrl = spec.webUrl() != null ? spec.webUrl() : WebUrls.derive(location);
    ComponentChange.Builder out = ComponentChange.newBuilder().setName(spec.displayName()).setImage(move.image())
        .setFrom(move.from()).setTo(move.to()).setRepository(location).setCommits(new ArrayList<>())
        .setPairs(new ArrayList<>());
    try {
      Repository repository = mirrors.open(location);
      ObjectId from = revision(location, repository, move.from());
      ObjectId to = revision(location, repository, move.to());
      if (from == null || to == null) {
        String missing = from == null ? move.from() : move.to();
        out.setError("tag " + missing + " not found in " + spec.repository()
            + mirrors.fetchedAt(location).map(t -> " (fetched " + t.truncatedTo(ChronoUnit.SECONDS) + ")").orElse(""));
      } else {
        CommitLog.Range range = CommitLog.list(repository, from, to, settings.maxCommits(), webUrl, settings.tickets());
        out.setCommits(range.commits()).setUrl(WebUrls.compare(webUrl, move.from(), move.to()));
      }
    } catch (IOException | RuntimeException e) {
      out.setError("cannot read component repository " + spec.repository() + " of image " + move.image() + ": "
          + e.getMessage());
    }
    ComponentChange built = out.build();
    if (built.getError() != null) {
      return built; // not memoised: the tag may be pushed (or the repository reachable) by the next change
    }
    synchronized (memo) {
      memo.put(key, built);
      while (memo.size() > COMPONENTS_KEPT) {
        var eldest = memo.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return built;
  }

  /** refs/tags/{@code version}, else a commit id; null when neither exists (after a fetch). */
  private ObjectId revision(String location, Repository repository, String version) throws IOException {
    try {
      return ObjectId.fromString(mirrors.tip(location, "refs/tags/" + version, tagMaxAge));
    } catch (IOException notATag) {
      if (notATag.getMessage() != null && notATag.getMessage().startsWith("cannot fetch")) {
        throw notATag;
      }
    }
    if (version.matches("[0-9a-f]{40}")) {
      try {
        return mirrors.resolve(location, version);
      } catch (IOException missing) {
        return null;
      }
    }
    if (version.matches("[0-9a-f]{7,39}")) {
      return repository.resolve(version + "^{commit}");
    }
    return null;
  }

  /**
   * The components file named relative to the GitOps repository: at {@code sha}'s tree, or, for a
   * repository that is a local directory, on disk (at head: the working copy; at base only a file
   * outside the repository, which no revision holds).
   */
  private Map<String, ChangelogSettings.Component> componentsFile(ChangeRequested change, String file, String sha)
      throws IOException {
    String repo = change.getRepo();
    boolean outside = Path.of(file).normalize().toString().startsWith("..") || Path.of(file).isAbsolute();
    boolean local = !Locations.isUrl(repo) && Files.isDirectory(Path.of(repo));
    if (local && (outside || sha.equals(change.getHead()))) {
      Path path = Path.of(Locations.resolve(repo, file));
      if (!Files.isRegularFile(path)) {
        throw new IOException(path + " does not exist (resolved against " + repo + ")");
      }
      return ChangelogSettings.componentsFile(Files.readString(path), path.toString(),
          path.toAbsolutePath().getParent().toString());
    }
    String inTree = Path.of(file).normalize().toString();
    if (outside) {
      throw new IOException(file + " is outside the repository and " + repo + " is not a local directory;"
          + " commit the file to the repository or list the images under changelog.components");
    }
    FileTree tree = mirrors.tree(repo, sha);
    byte[] bytes = tree.read(inTree).orElseThrow(() -> new IOException(inTree + " not found in " + tree.describe()));
    return ChangelogSettings.componentsFile(new String(bytes, StandardCharsets.UTF_8), inTree,
        Locations.parent(Locations.resolve(repo, inTree)));
  }

  private static String lastSegment(String image) {
    return image.substring(image.lastIndexOf('/') + 1);
  }
}
