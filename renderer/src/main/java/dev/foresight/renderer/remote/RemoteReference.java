package dev.foresight.renderer.remote;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference in a kustomization that kustomize v5.5.0 would fetch instead of reading from the
 * tree, with the URL it would reach.
 *
 * <p>The rules are kustomize's: a file-valued field (patches, crds, configurations, openapi,
 * generator files, replacements, values files...) is fetched over HTTP when it parses as an
 * {@code http}/{@code https} URL (loader {@code IsRemoteFile}); a resource, base, component or
 * plugin directory is cloned with git when {@code git.NewRepoSpecFromURL} accepts it: after an
 * optional {@code git::} prefix, a {@code ssh://}, {@code https://}, {@code http://} or
 * {@code file://} scheme (any case), an scp-like {@code user@host:path}, or the {@code github.com/}
 * / {@code github.com:} shorthand (which kustomize turns into {@code https://github.com/...}, or
 * ssh with a user). A helm chart repository is what helm would pull from.
 *
 * @param entry the text of the kustomization entry
 * @param url where it would be fetched from, normalised for matching: scheme and host lower case,
 *     {@code github.com} shorthand as https, scp-like addresses as {@code ssh://user@host/path}
 * @param kind what kind of fetch it is
 * @param from the kustomization file and field that name it
 */
public record RemoteReference(String entry, String url, Kind kind, String from) {

  /** What would be fetched. */
  public enum Kind {
    /** A file over HTTP(S). */
    FILE,
    /** A git repository (a remote base, component or plugin directory). */
    BASE,
    /** A helm chart repository. */
    HELM
  }

  private static final Pattern SCHEME = Pattern.compile("^(ssh|https|http|file)://", Pattern.CASE_INSENSITIVE);
  private static final Pattern USER = Pattern.compile("^([a-zA-Z][a-zA-Z0-9-]*)@([^/:]+)[:/](.+)$");
  private static final Pattern GITHUB = Pattern.compile("^github\\.com[/:](.+)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ANY_SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://");

  /**
   * A resource, base, component or plugin entry that kustomize fetches: an HTTP(S) URL (loaded as a
   * file, else cloned), or any repository address {@code NewRepoSpecFromURL} accepts.
   */
  public static Optional<RemoteReference> ofDirectoryEntry(String entry, String from) {
    String text = entry.strip();
    if (text.regionMatches(true, 0, "git::", 0, 5)) {
      text = text.substring(5);
    }
    Matcher scheme = SCHEME.matcher(text);
    if (scheme.find()) {
      String kindOfScheme = scheme.group(1).toLowerCase(Locale.ROOT);
      Kind kind = kindOfScheme.startsWith("http") && !looksLikeRepository(text) ? Kind.FILE : Kind.BASE;
      return Optional.of(new RemoteReference(entry, normalise(text), kind, from));
    }
    Matcher github = GITHUB.matcher(text);
    if (github.matches() && repositoryPath(github.group(1))) {
      return Optional.of(new RemoteReference(entry, "https://github.com/" + github.group(1), Kind.BASE, from));
    }
    Matcher user = USER.matcher(text);
    if (user.matches() && !text.contains("://") && repositoryPath(user.group(3))) {
      return Optional.of(new RemoteReference(entry, "ssh://" + user.group(1) + "@"
          + user.group(2).toLowerCase(Locale.ROOT) + "/" + user.group(3), Kind.BASE, from));
    }
    Matcher other = ANY_SCHEME.matcher(text);
    if (other.find()) {
      // an unsupported scheme (s3://, oci://...): kustomize refuses it, but it is a remote address all the same
      return Optional.of(new RemoteReference(entry, normalise(text), Kind.BASE, from));
    }
    return Optional.empty();
  }

  /** A file-valued entry kustomize fetches over HTTP: one that parses as an {@code http}/{@code https} URL. */
  public static Optional<RemoteReference> ofFileEntry(String entry, String from) {
    String text = entry.strip();
    Matcher scheme = ANY_SCHEME.matcher(text);
    if (!scheme.find()) {
      return Optional.empty();
    }
    String name = scheme.group(1).toLowerCase(Locale.ROOT);
    if (!name.equals("http") && !name.equals("https")) {
      return Optional.empty(); // Go's url.Parse gives another scheme: read as a (missing) local path
    }
    return Optional.of(new RemoteReference(entry, normalise(text), Kind.FILE, from));
  }

  /** A helm chart repository ({@code helmCharts[].repo}, {@code chartRepoUrl}). */
  public static RemoteReference ofHelmRepository(String repo, String from) {
    return new RemoteReference(repo, normalise(repo.strip()), Kind.HELM, from);
  }

  /** True when the reference is one that kustomize clones with git. */
  public boolean base() {
    return kind == Kind.BASE;
  }

  /** The host the URL names (lower case, brackets kept for IPv6), empty for {@code file://} or when it has none. */
  public String host() {
    return hostOf(url);
  }

  static String hostOf(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return "";
    }
    String rest = url.substring(start + 3);
    int end = indexOfAny(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      return close < 0 ? authority : authority.substring(0, close + 1);
    }
    int colon = authority.indexOf(':');
    return (colon < 0 ? authority : authority.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /**
   * kustomize's {@code parsePathParts} for a host without scheme: the path (before {@code ?}) has a
   * {@code _git/}, {@code //} or {@code .git} marker, or at least two segments (org/repo); else
   * {@code NewRepoSpecFromURL} fails and the entry is a local path.
   */
  private static boolean repositoryPath(String path) {
    String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    if (p.contains("_git/") || p.contains("//") || p.contains(".git")) {
      return true;
    }
    String[] segments = p.split("/", -1);
    return segments.length >= 2 && !segments[0].isEmpty();
  }

  /** A git repository address over http(s): kustomize's {@code _git/}, {@code //}, {@code .git} or {@code ?ref=} markers. */
  private static boolean looksLikeRepository(String text) {
    int scheme = text.indexOf("://");
    String rest = text.substring(scheme + 3);
    return rest.contains("_git/") || rest.contains("//") || rest.contains(".git")
        || rest.contains("?ref=") || rest.contains("?version=") || rest.contains("&ref=");
  }

  /** Scheme and host lower case; the rest as written. */
  static String normalise(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return url;
    }
    String scheme = url.substring(0, start).toLowerCase(Locale.ROOT);
    String rest = url.substring(start + 3);
    int end = indexOfAny(rest, "/?#");
    String authority = end < 0 ? rest : rest.substring(0, end);
    String tail = end < 0 ? "" : rest.substring(end);
    int at = authority.lastIndexOf('@');
    String user = at < 0 ? "" : authority.substring(0, at + 1);
    String hostPort = (at < 0 ? authority : authority.substring(at + 1)).toLowerCase(Locale.ROOT);
    return scheme + "://" + user + hostPort + tail;
  }

  /** True when the path has dot segments or encoded separators that a server may resolve elsewhere than its prefix says. */
  static boolean ambiguousPath(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (lower.contains("\\") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")) {
      return true;
    }
    int start = url.indexOf("://");
    String rest = start < 0 ? url : url.substring(start + 3);
    int q = indexOfAny(rest, "?#");
    String path = q < 0 ? rest : rest.substring(0, q);
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private static int indexOfAny(String text, String chars) {
    int best = -1;
    for (char c : chars.toCharArray()) {
      int i = text.indexOf(c);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}
