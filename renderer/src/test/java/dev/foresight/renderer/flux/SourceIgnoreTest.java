package dev.foresight.renderer.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.kustomize.FileTrees;
import dev.foresight.kustomize.MapFileTree;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * source-controller's ignore rules (fluxcd/pkg {@code sourceignore}, its go-git matcher and
 * {@code SourceIgnoreFilter}), read from their Go code: expectations derived from it, including
 * where they differ from git's own rules.
 */
class SourceIgnoreTest {

  static boolean excluded(String lines, String path, boolean dir) throws Exception {
    return SourceIgnore.load(new MapFileTree(Map.of("x", "")), lines, "spec.ignore").excludedBy(path, dir) != null;
  }

  @Test
  void goGlobOfOnePathElement() {
    assertTrue(GoGlob.matches("*.yaml", "a.yaml"));
    assertFalse(GoGlob.matches("*.yaml", "a.yml"));
    assertTrue(GoGlob.matches("a?c", "abc"));
    assertTrue(GoGlob.matches("[a-c]x", "bx"));
    assertFalse(GoGlob.matches("[^a-c]x", "bx"));
    assertTrue(GoGlob.matches("[^a-c]x", "dx"));
    assertTrue(GoGlob.matches("\\*x", "*x"));
    assertFalse(GoGlob.matches("\\*x", "ax"));
    assertTrue(GoGlob.matches("*", ""));
    assertTrue(GoGlob.matches("a*b*c", "aXbYbc"));
    // Go's ErrBadPattern: never a match
    assertFalse(GoGlob.matches("[", "["));
    assertFalse(GoGlob.matches("a[]b", "a]b"));
    assertFalse(GoGlob.matches("[-a]", "-"));
    assertFalse(GoGlob.matches("x\\", "x"));
    assertTrue(GoGlob.matches("[\\-a]", "-"));
  }

  @Test
  void aNameWithoutSlashMatchesAnyElementBelowItsDirectory() throws Exception {
    assertTrue(excluded("secret.yaml", "secret.yaml", false));
    assertTrue(excluded("secret.yaml", "a/b/secret.yaml", false));
    assertTrue(excluded("tmp", "a/tmp/x.yaml", false), "the directory's files too");
    assertTrue(excluded("tmp/", "a/tmp", true));
    assertFalse(excluded("tmp/", "a/tmp", false), "a trailing / is for directories only");
    assertTrue(excluded("tmp/", "a/tmp/x.yaml", false));
  }

  @Test
  void aSlashAnchorsToTheDirectoryOfThePattern() throws Exception {
    assertTrue(excluded("/apps/x.yaml", "apps/x.yaml", false));
    assertFalse(excluded("/apps/x.yaml", "other/apps/x.yaml", false));
    assertTrue(excluded("apps/dev", "apps/dev/x.yaml", false), "a path starting with the pattern");
    assertFalse(excluded("apps/dev", "a/apps/dev/x.yaml", false));
    assertTrue(excluded("**/dev", "a/b/dev/x.yaml", false));
    assertTrue(excluded("apps/**/x.yaml", "apps/a/b/x.yaml", false));
    assertTrue(excluded("apps/**", "apps", true), "go-git: foo/** matches foo itself (git: only below)");
    assertFalse(excluded("apps/de**", "apps/dev", true), "an element with ** among other characters never matches");
  }

  @Test
  void theLastMatchingPatternDecidesEachPathOnItsOwn() throws Exception {
    assertFalse(excluded("*.yaml\n!keep.yaml", "a/keep.yaml", false));
    assertTrue(excluded("!keep.yaml\n*.yaml", "a/keep.yaml", false));
    // git keeps a file of an excluded directory excluded; source-controller decides the file alone
    assertFalse(excluded("apps/\n!apps/keep.yaml", "apps/keep.yaml", false));
    // a name pattern re-includes everything below a directory of that name (git would not)
    assertFalse(excluded("*.yaml\n!keep", "keep/x.yaml", false));
  }

  @Test
  void linesAsGosScannerGivesThem() throws Exception {
    assertFalse(excluded("# a.yaml\n\n   \n", "a.yaml", false), "comments and blank lines");
    assertTrue(excluded("a.yaml   \r\n", "a.yaml", false), "trailing spaces and \\r dropped");
    assertTrue(excluded("a\\ ", "a ", false), "an escaped trailing space kept");
  }

  @Test
  void sourceignoreFilesApplyBelowTheirDirectoryAndDeeperFilesWin() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of(
        ".sourceignore", "*.txt\n",
        "a/.sourceignore", "!keep.txt\nlocal.yaml\n",
        "a/b/.sourceignore", "keep.txt\n",
        "a/x.txt", "", "a/keep.txt", "", "a/local.yaml", "", "local.yaml", "", "a/b/keep.txt", ""));
    SourceIgnore rules = SourceIgnore.load(tree, null, null);
    assertEquals("'*.txt' (line 1 of .sourceignore)", rules.excludedBy("a/x.txt", false).describe());
    assertNull(rules.excludedBy("a/keep.txt", false), "a/.sourceignore re-includes below a/");
    assertEquals("'keep.txt' (line 1 of a/b/.sourceignore)", rules.excludedBy("a/b/keep.txt", false).describe());
    assertTrue(rules.excludedBy("a/local.yaml", false) != null);
    assertNull(rules.excludedBy("local.yaml", false), "a/.sourceignore applies below a/ only");
  }

  @Test
  void anyPatternReplacesTheDefaultsButNotTheVcsOnes() throws Exception {
    Map<String, String> files = new HashMap<>(Map.of("cloudbuild.yaml", "", "logo.png", "", ".gitignore", "",
        ".github/ci.yaml", "", "d/.sops.yaml", "", "ok.yaml", ""));
    SourceIgnore defaults = SourceIgnore.load(new MapFileTree(files), null, null);
    assertTrue(defaults.defaults());
    for (String path : List.of("cloudbuild.yaml", "logo.png", ".gitignore", ".github/ci.yaml", "d/.sops.yaml")) {
      assertTrue(defaults.excludedBy(path, false) != null, path);
    }
    assertNull(defaults.excludedBy("ok.yaml", false));
    // a comment-only .sourceignore gives no pattern: still the defaults
    files.put("d/.sourceignore", "# nothing\n");
    assertTrue(SourceIgnore.load(new MapFileTree(files), null, null).defaults());
    files.put("d/.sourceignore", "nothing-here\n");
    SourceIgnore replaced = SourceIgnore.load(new MapFileTree(files), null, null);
    assertFalse(replaced.defaults());
    for (String path : List.of("cloudbuild.yaml", "logo.png", ".github/ci.yaml", "d/.sops.yaml")) {
      assertNull(replaced.excludedBy(path, false), path);
    }
    assertTrue(replaced.excludedBy(".gitignore", false) != null, "VCS exclusions always apply");
    assertNotEquals(defaults.digest(), replaced.digest());
    // spec.ignore alone replaces them too, and comes last
    SourceIgnore spec = SourceIgnore.load(new MapFileTree(Map.of(".sourceignore", "ok.yaml\n", "ok.yaml", "")),
        "!ok.yaml", "spec.ignore of GitRepository flux-system/x");
    assertNull(spec.excludedBy("ok.yaml", false), "spec.ignore is read after every .sourceignore");
  }

  @Test
  void theArtifactTreeHidesExcludedFilesAndEmptyExcludedDirectories() throws Exception {
    MapFileTree tree = new MapFileTree(Map.of(
        ".sourceignore", "apps/dev/\n*.txt\n!apps/dev/keep.yaml\ntmp/\n", "tmp/x.yaml", "x",
        "apps/dev/a.yaml", "a", "apps/dev/keep.yaml", "k", "apps/prod/a.yaml", "a", "apps/prod/notes.txt", "n",
        "docs/readme.txt", "r"));
    SourceArtifactTree artifact = SourceArtifactTree.of(tree, null, null);
    assertEquals(List.of(".sourceignore", "apps/dev/keep.yaml", "apps/prod/a.yaml"), FileTrees.walk(artifact, ""));
    assertFalse(artifact.isDirectory("tmp"), "excluded, nothing re-included below");
    assertTrue(artifact.isDirectory("docs") && artifact.list("docs").isEmpty(),
        "not excluded itself: in the archive, empty");
    assertTrue(artifact.isDirectory("apps/dev"), "excluded, but holds a re-included file");
    assertTrue(artifact.read("apps/dev/a.yaml").isEmpty());
    assertFalse(artifact.isFile("apps/prod/notes.txt"));
    assertEquals("excluded by '*.txt' (line 2 of .sourceignore)", artifact.whyExcluded("apps/prod/notes.txt"));
    assertNull(artifact.whyExcluded("apps/prod/a.yaml"));
    assertNull(artifact.whyExcluded("nowhere.yaml"), "not in the repository either");
    assertEquals(List.of("apps/prod/.sourceignore", "apps/.sourceignore", ".sourceignore"),
        List.copyOf(artifact.ignoreFiles(java.util.Set.of("apps/prod"))));
  }
}
