package dev.foresight.renderer.remote;

import dev.foresight.renderer.flux.ConfigNodes;
import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.flux.ForesightConfig.InvalidException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Which remote references may be fetched: the prefixes of {@code render.remote.allow} in the
 * trusted {@code foresight.yaml} (the base revision's, never only the pull request's) and of the
 * operator's {@code FORESIGHT_REMOTE_ALLOW}. Nothing is allowed by default.
 *
 * <p>An entry ending in {@code *} allows every URL that starts with the text before it; any other
 * entry allows exactly that URL. Scheme and host compare case-insensitively. A URL whose path has
 * dot segments or encoded separators is never allowed (a server may resolve it outside the
 * prefix). A host that an entry writes out in full ({@code https://git.corp/...}) is trusted as
 * written; any other host (one a prefix such as {@code https://*} covers) is refused when it is,
 * or resolves to, a loopback, link-local, private or otherwise non-public address
 * ({@link HostAddresses}): {@code localhost}, {@code 127.0.0.1}, {@code 2130706433},
 * {@code 0x7f.1}, {@code [::ffff:127.0.0.1]}, {@code 169.254.169.254}, ...
 */
public final class RemotePolicy {

  /** The operator's allow-list: prefixes separated by commas or whitespace. */
  public static final String ENVIRONMENT = "FORESIGHT_REMOTE_ALLOW";

  /** Where a refusal message points the reader. */
  public static final String SEE = "(see report.remote)";

  /** Resolves a host name to its addresses. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** The system resolver. */
  public static final Resolver DNS = InetAddress::getAllByName;

  /** Allows nothing. */
  public static final RemotePolicy NONE = new RemotePolicy(List.of(), DNS);

  private final List<String> allow;
  private final Resolver resolver;

  private RemotePolicy(List<String> allow, Resolver resolver) {
    this.allow = List.copyOf(allow);
    this.resolver = resolver;
  }

  /** The policy of these entries (each a URL or a prefix ending in {@code *}). */
  public static RemotePolicy of(List<String> entries) {
    List<String> out = new ArrayList<>();
    for (String entry : entries) {
      String e = entry.strip();
      if (!e.isEmpty()) {
        Optional<String> problem = problem(e);
        if (problem.isPresent()) {
          throw new IllegalArgumentException("remote allow entry '" + e + "' " + problem.get());
        }
        out.add(RemoteReference.normalise(e));
      }
    }
    return new RemotePolicy(new ArrayList<>(new LinkedHashSet<>(out)), DNS);
  }

  /** The operator's policy from {@code FORESIGHT_REMOTE_ALLOW} (empty: nothing). */
  public static RemotePolicy fromEnvironment() {
    String value = System.getenv(ENVIRONMENT);
    if (value == null || value.isBlank()) {
      return NONE;
    }
    try {
      return of(List.of(value.strip().split("[,\\s]+")));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENVIRONMENT + ": " + e.getMessage());
    }
  }

  /**
   * {@code render.remote.allow} of a foresight.yaml ({@link #NONE} without it).
   *
   * @throws InvalidException naming the line when the section is malformed
   */
  public static RemotePolicy of(ForesightConfig config) throws InvalidException {
    Optional<Node> render = config.section("render");
    if (render.isEmpty()) {
      return NONE;
    }
    List<String> entries = new ArrayList<>();
    for (NodeTuple field : ConfigNodes.mapping(render.get(), "render").getValue()) {
      String key = ConfigNodes.scalar(field.getKeyNode(), "render");
      if (!key.equals("remote")) {
        throw ConfigNodes.invalid(field.getKeyNode(), "render." + key, "unknown field; render has remote");
      }
      MappingNode remote = ConfigNodes.mapping(field.getValueNode(), "render.remote");
      for (NodeTuple r : remote.getValue()) {
        String rkey = ConfigNodes.scalar(r.getKeyNode(), "render.remote");
        if (!rkey.equals("allow")) {
          throw ConfigNodes.invalid(r.getKeyNode(), "render.remote." + rkey, "unknown field; render.remote has allow");
        }
        SequenceNode list = ConfigNodes.sequence(r.getValueNode(), "render.remote.allow");
        for (int i = 0; i < list.getValue().size(); i++) {
          Node item = list.getValue().get(i);
          String where = "render.remote.allow[" + i + "]";
          String value = ConfigNodes.scalar(item, where).strip();
          Optional<String> problem = problem(value);
          if (problem.isPresent()) {
            throw ConfigNodes.invalid(item, where, problem.get());
          }
          entries.add(value);
        }
      }
    }
    return of(entries);
  }

  private static Optional<String> problem(String entry) {
    if (entry.isEmpty()) {
      return Optional.of("is empty; write a URL prefix such as https://github.com/my-org/*");
    }
    int star = entry.indexOf('*');
    if (star >= 0 && star != entry.length() - 1) {
      return Optional.of("has '*' before its end; only a trailing '*' (a prefix) is supported, e.g. "
          + "https://github.com/my-org/*");
    }
    if (!entry.matches("(?i)^[a-z][a-z0-9+.-]*://.*")) {
      return Optional.of("is not a URL with a scheme; write e.g. https://github.com/my-org/* (kustomize's "
          + "github.com/... shorthand is https://github.com/..., git@host:path is ssh://git@host/path)");
    }
    return Optional.empty();
  }

  /** The union of both allow-lists. */
  public RemotePolicy and(RemotePolicy other) {
    Set<String> all = new LinkedHashSet<>(allow);
    all.addAll(other.allow);
    return new RemotePolicy(new ArrayList<>(all), resolver);
  }

  /** The same allow-list resolving host names with {@code resolver} (tests). */
  public RemotePolicy withResolver(Resolver other) {
    return new RemotePolicy(allow, other);
  }

  /** The entries, normalised. */
  public List<String> entries() {
    return allow;
  }

  /** What identifies the policy in memo keys. */
  public String fingerprint() {
    return String.join(",", allow);
  }

  /** Null when {@code reference} may be fetched, else why not (without the URL). */
  public String refusal(RemoteReference reference) {
    String url = reference.url();
    String matched = null;
    for (String entry : allow) {
      if (entry.endsWith("*") ? url.startsWith(entry.substring(0, entry.length() - 1)) : url.equals(entry)) {
        matched = entry;
        break;
      }
    }
    if (matched == null) {
      return allow.isEmpty() ? "no remote is allowed (render.remote.allow is empty)"
          : "no entry of render.remote.allow matches it";
    }
    if (RemoteReference.ambiguousPath(url)) {
      return "its path has dot segments or encoded separators, which may leave the allowed prefix";
    }
    String host = reference.host();
    if (namedExplicitly(host)) {
      return null;
    }
    if (host.isEmpty()) {
      return "it names no host (a local path of the renderer); list that exact URL prefix to allow it";
    }
    if (HostAddresses.isLocalhostName(host)) {
      return "host " + host + " is a loopback name; list that exact host to allow it";
    }
    Optional<InetAddress> literal = HostAddresses.literal(host);
    if (literal.isPresent()) {
      return HostAddresses.isNonPublic(literal.get()) ? "host " + host + " is a non-public address ("
          + literal.get().getHostAddress() + "); list that exact host to allow it" : null;
    }
    try {
      for (InetAddress address : resolver.resolve(host)) {
        if (HostAddresses.isNonPublic(address)) {
          return "host " + host + " resolves to a non-public address (" + address.getHostAddress()
              + "); list that exact host to allow it";
        }
      }
    } catch (UnknownHostException e) {
      return "host " + host + " does not resolve";
    }
    return null;
  }

  /** True when an entry's host is exactly {@code host} ({@code file://} entries: when they name a directory). */
  private boolean namedExplicitly(String host) {
    for (String entry : allow) {
      String prefix = entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry;
      boolean localDirectory = prefix.startsWith("file:///") && prefix.length() > "file:///".length();
      if (RemoteReference.hostOf(prefix).equals(host) && (!host.isEmpty() || localDirectory)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return allow.isEmpty() ? "remote: nothing allowed" : "remote allowed: " + allow;
  }
}
