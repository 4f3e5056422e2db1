package dev.foresight.app.command;

import dev.foresight.renderer.changelog.ChangelogSettings;
import dev.foresight.renderer.flux.ForesightConfig;
import dev.foresight.renderer.output.OutputRules;
import dev.foresight.schema.ChangeIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Checks the whole {@code foresight.yaml} of the commit a command renders as head, before anything
 * is planned or rendered: top-level keys, profiles, sources, flux, the report rules, changelog and
 * promotions. The planner holds head's file to its own keys; without this check a malformed
 * report rule would only fail the pairs that are rendered (none when the cache or affected-only
 * planning skips them all) and a malformed changelog section would only be a note in the report.
 * Used by every command that renders a local repository ({@code diff}, {@code bench diff},
 * {@code bench report}).
 */
public final class ConfigValidator {

  private ConfigValidator() {}

  /**
   * Parses every section of {@code foresight.yaml} at commit {@code sha} of the repository at
   * {@code root}; no file is fine.
   *
   * @throws ForesightConfig.InvalidException {@code foresight.yaml:<line>: <field> <problem and fix>
   *     (in <root> at <sha>)}
   */
  public static ForesightConfig check(Path root, String sha) throws IOException, ForesightConfig.InvalidException {
    String text = sha.equals(ChangeIds.ZERO_SHA) ? null : read(root, sha); // a deleted ref has no head tree
    if (text == null) {
      return ForesightConfig.NONE;
    }
    try {
      ForesightConfig config = ForesightConfig.parse(text);
      OutputRules.of(config);
      ChangelogSettings.of(config);
      return config;
    } catch (ForesightConfig.InvalidException e) {
      throw new ForesightConfig.InvalidException(e.getMessage() + " (in " + root + " at " + sha.substring(0, 7)
          + "; fix the file and commit, nothing was rendered)");
    }
  }

  private static String read(Path root, String sha) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
    try (Repository repository = builder.build(); RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
      try (TreeWalk tree = TreeWalk.forPath(repository, ForesightConfig.FILE, commit.getTree())) {
        if (tree == null) {
          return null;
        }
        return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
