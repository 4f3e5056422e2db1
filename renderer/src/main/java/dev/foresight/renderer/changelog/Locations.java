package dev.foresight.renderer.changelog;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a repository named relative to the GitOps repository lives: relative paths are resolved
 * against the GitOps repository's location (a directory, or the path of its clone URL), so
 * {@code ../components/api} is a sibling of the GitOps repository.
 */
public final class Locations {

  private static final Pattern URL = Pattern.compile("^([a-z][a-z0-9+.-]*://[^/]+)(/.*)?$");
  private static final Pattern SCP = Pattern.compile("^([^@/]+@[^:/]+:)(.*)$");

  private Locations() {}

  /** True for {@code https://...}, {@code ssh://...}, {@code git@host:path}. */
  public static boolean isUrl(String location) {
    return URL.matcher(location).matches() || SCP.matcher(location).matches();
  }

  /** {@code location} as is when absolute (URL or absolute path), else resolved against {@code base}'s location. */
  public static String resolve(String base, String location) {
    if (isUrl(location) || Path.of(location).isAbsolute()) {
      return location;
    }
    Matcher url = URL.matcher(base);
    if (url.matches()) {
      return url.group(1) + normalize((url.group(2) == null ? "" : url.group(2)) + "/" + location, true);
    }
    Matcher scp = SCP.matcher(base);
    if (scp.matches()) {
      return scp.group(1) + normalize(scp.group(2) + "/" + location, false);
    }
    return Path.of(base).toAbsolutePath().resolve(location).normalize().toString();
  }

  /** The directory a file named relative to {@code base} is in (for the entries of a components file). */
  public static String parent(String location) {
    int slash = location.replaceAll("/+$", "").lastIndexOf('/');
    return slash <= 0 ? location : location.substring(0, slash);
  }

  private static String normalize(String path, boolean absolute) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.removeLast();
        }
      } else {
        parts.addLast(part);
      }
    }
    return (absolute ? "/" : "") + String.join("/", parts);
  }
}
