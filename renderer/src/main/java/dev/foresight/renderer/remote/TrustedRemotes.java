package dev.foresight.renderer.remote;

import dev.foresight.renderer.flux.ForesightConfig;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the trusted side of a change lets the renderer fetch: the {@link RemotePolicy} of the base
 * revision's {@code foresight.yaml} joined with the operator's, and the git sources (foresight.yaml
 * {@code sources: url:}) the base revision already names. The pull request's own foresight.yaml
 * never widens it.
 *
 * @param policy the allow-list (base's render.remote.allow and the operator's)
 * @param baseSources the source URLs the base revision's foresight.yaml lists
 */
public record TrustedRemotes(RemotePolicy policy, Set<String> baseSources) {

  /** Nothing but what the operator allows. */
  public static TrustedRemotes operator(RemotePolicy operator) {
    return new TrustedRemotes(operator, Set.of());
  }

  /** The base revision's {@code config} (its render.remote.allow and sources) joined with the operator's policy. */
  public static TrustedRemotes of(ForesightConfig base, RemotePolicy operator) throws ForesightConfig.InvalidException {
    Set<String> sources = new LinkedHashSet<>();
    for (ForesightConfig.Source source : base.sources().values()) {
      if (!source.self()) {
        sources.add(source.url());
      }
    }
    return new TrustedRemotes(RemotePolicy.of(base).and(operator), Set.copyOf(sources));
  }

  public TrustedRemotes {
    baseSources = Set.copyOf(baseSources);
  }

  /** What identifies it in memo keys. */
  public String fingerprint() {
    return policy.fingerprint() + "|" + new java.util.TreeSet<>(baseSources);
  }

  /**
   * Null when the git repository {@code url} (a URL, an scp-like address or a local path) may be
   * fetched: the base revision names it, or the policy allows it; else why not.
   */
  public String repositoryRefusal(String url) {
    if (baseSources.contains(url)) {
      return null;
    }
    return policy.refusal(gitReference(url, "foresight.yaml"));
  }

  /** A git repository address as the reference the policy judges: scp-like as ssh://, a local path as file://. */
  public static RemoteReference gitReference(String url, String from) {
    String text = url.strip();
    if (text.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
      return new RemoteReference(url, RemoteReference.normalise(text), RemoteReference.Kind.BASE, from);
    }
    java.util.regex.Matcher scp = java.util.regex.Pattern.compile("^([^@/]+)@([^:/]+):(.*)$").matcher(text);
    if (scp.matches()) {
      return new RemoteReference(url, "ssh://" + scp.group(1) + "@" + scp.group(2).toLowerCase(Locale.ROOT) + "/"
          + scp.group(3), RemoteReference.Kind.BASE, from);
    }
    String absolute = Path.of(text).toAbsolutePath().normalize().toString();
    return new RemoteReference(url, "file://" + absolute, RemoteReference.Kind.BASE, from);
  }
}
