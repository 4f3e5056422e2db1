/**
 * What a change promotes: the GitOps repository's commits between base and head, the container
 * images whose tag moves in a rendered pair with the commits of their component repository, and
 * whether a push or pull request is a promotion. The parsers ({@link
 * dev.foresight.renderer.changelog.Subjects}, {@link dev.foresight.renderer.changelog.TicketMatcher},
 * {@link dev.foresight.renderer.changelog.ImageRef}, {@link dev.foresight.renderer.changelog.ImageMoves},
 * {@link dev.foresight.renderer.changelog.WebUrls}, {@link dev.foresight.renderer.changelog.Locations},
 * {@link dev.foresight.renderer.changelog.ChangelogSettings}) import no JGit; {@link
 * dev.foresight.renderer.changelog.Changelogs} and {@link dev.foresight.renderer.changelog.Promotions}
 * read the git mirrors.
 */
package dev.foresight.renderer.changelog;
