package dev.foresight.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic identifiers, so that the same change replayed twice has the same id. */
public final class ChangeIds {

  public static final String ZERO_SHA = "0000000000000000000000000000000000000000";

  private ChangeIds() {}

  /** Id of a push (or promotion push) of {@code ref} from {@code base} to {@code head}. */
  public static String of(String repo, String ref, String base, String head) {
    return of(repo, ref, null, base, head);
  }

  /**
   * 16 hex characters of SHA-256 over repo, target ({@code pull/N} for a pull request, else the
   * ref), base and head: a promotion pull request and the push that merges it are two changes.
   */
  public static String of(String repo, String ref, Integer pullRequest, String base, String head) {
    String target = pullRequest != null ? "pull/" + pullRequest : ref;
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] hash = digest.digest(String.join("\n", repo, target, base, head).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Key of a report: the repository and what it reports on (the ref or the pull request). */
  public static String reportKey(ChangeRequested change) {
    return change.getRepo() + "#" + target(change);
  }

  /**
   * What a report is about: {@code pull/N} for a pull request, else the ref, else (a local
   * comparison of commits that names no ref) the range {@code <base7>..<head7>}.
   */
  public static String target(ChangeRequested change) {
    if (change.getPullRequest() != null) {
      return "pull/" + change.getPullRequest();
    }
    String ref = change.getRef();
    return ref != null && !ref.isEmpty() ? ref : shortSha(change.getBase()) + ".." + shortSha(change.getHead());
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }

  /** Key of a render job: repo/profile/kustomization, so one worker keeps its cache warm. */
  public static String jobKey(RenderJob job) {
    return job.getChange().getRepo() + "/" + job.getProfile() + "/" + job.getKustomization();
  }
}
