package dev.foresight.renderer.changelog;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web links of a repository: derived from a github.com or GitLab clone URL (https or
 * {@code git@host:path} form), links to a commit and to a comparison of two revisions.
 */
public final class WebUrls {

  private static final Pattern HTTPS = Pattern.compile("^(?:https?|ssh|git)://(?:[^@/]+@)?([^/:]+)(?::\\d+)?/(.+)$");
  private static final Pattern SCP = Pattern.compile("^[^@/]+@([^:/]+):(.+)$");

  private WebUrls() {}

  /** {@code https://<host>/<path>} of a github.com or gitlab clone URL; null for anything else. */
  public static String derive(String cloneUrl) {
    if (cloneUrl == null) {
      return null;
    }
    Matcher m = HTTPS.matcher(cloneUrl.strip());
    if (!m.matches()) {
      m = SCP.matcher(cloneUrl.strip());
      if (!m.matches()) {
        return null;
      }
    }
    String host = m.group(1).toLowerCase(Locale.ROOT);
    if (!host.equals("github.com") && !host.contains("gitlab")) {
      return null;
    }
    String path = m.group(2).replaceAll("/+$", "").replaceAll("\\.git$", "");
    return path.isEmpty() ? null : "https://" + host + "/" + path;
  }

  /** The page of commit {@code sha}, or null without a web URL. */
  public static String commit(String webUrl, String sha) {
    return webUrl == null ? null : trim(webUrl) + (gitlab(webUrl) ? "/-/commit/" : "/commit/") + sha;
  }

  /** The comparison of two revisions (tags or commits), or null without a web URL. */
  public static String compare(String webUrl, String from, String to) {
    return webUrl == null ? null : trim(webUrl) + (gitlab(webUrl) ? "/-/compare/" : "/compare/") + from + "..." + to;
  }

  private static boolean gitlab(String webUrl) {
    return webUrl.toLowerCase(Locale.ROOT).contains("gitlab");
  }

  private static String trim(String webUrl) {
    return webUrl.replaceAll("/+$", "");
  }
}
