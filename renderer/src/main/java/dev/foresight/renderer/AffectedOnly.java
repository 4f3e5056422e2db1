package dev.foresight.renderer;

import dev.foresight.kustomize.FileTree;
import dev.foresight.renderer.closure.AffectedPairs;
import dev.foresight.renderer.closure.ArtifactClosure;
import dev.foresight.renderer.closure.Closure;
import dev.foresight.renderer.closure.ClosureCollector;
import dev.foresight.renderer.flux.ArtifactTree;
import dev.foresight.renderer.flux.SourceArtifactTree;
import dev.foresight.renderer.flux.KustomizationOverlay;
import dev.foresight.renderer.git.ChangedPaths;
import dev.foresight.renderer.git.GitMirrors;
import dev.foresight.renderer.tree.TreeNode;
import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PairAction;
import dev.foresight.schema.PlannedPair;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Affected-only planning: a pair is rendered when it exists on one side only, failed on a side,
 * reads another repository, or when its Flux spec, its substitution variables or any file of its
 * input closure changed between base and head (for an ExternalArtifact copied from this repository:
 * the generator's artifact spec, the closure mapped back to the repository paths copied, and the
 * ignore rules of the GitRepository artifact copied from: its .sourceignore files above those paths,
 * its spec.ignore and whether the defaults apply);
 * otherwise it is planned as SKIP with the reason. ({@code AffectedOnlyHistoryIT} and
 * {@code AffectedOnlyHandBuiltHistoryTest} of the app module check, against full re-renders, that
 * no difference is missed.)
 */
final class AffectedOnly implements PairDecider {

  static final String THIS_REPOSITORY = "this repository";

  private final GitMirrors mirrors;
  private final Map<String, Set<String>> changedPaths = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
          return size() > 32;
        }
      });

  AffectedOnly(GitMirrors mirrors) {
    this.mirrors = mirrors;
  }

  @Override
  public PlannedPair decide(ChangeRequested change, PairSides sides, PlannedPair planned) {
    if (Renderer.PROFILE_PAIR.equals(sides.kustomization()) || sides.base() == null || sides.head() == null
        || !renderedHere(sides.base()) || !renderedHere(sides.head())) {
      return planned;
    }
    try {
      AffectedPairs.Decision decision = AffectedPairs.decide(side(sides.base()), side(sides.head()),
          changed(change));
      return decision.affected() ? planned
          : PlannedPair.newBuilder(planned).setAction(PairAction.SKIP).setReason(decision.reason()).build();
    } catch (IOException | RuntimeException e) {
      return planned; // when in doubt, render
    }
  }

  private static boolean renderedHere(TreeNode node) {
    if (node.error() != null || !node.rendered() || node.sourceTree() == null || node.source() == null) {
      return false;
    }
    if (node.sourceTree() instanceof ArtifactTree artifact) {
      // an ExternalArtifact copied from this repository only: its closure maps back to repository paths
      return artifact.sourceDescriptions().values().stream().allMatch(d -> d.startsWith(THIS_REPOSITORY));
    }
    return node.source().startsWith(THIS_REPOSITORY);
  }

  private static AffectedPairs.Side side(TreeNode node) throws IOException {
    FileTree build = KustomizationOverlay.apply(node.sourceTree(), node.path(), node.ks().spec());
    Closure closure = ClosureCollector.collect(build, node.path());
    Map<String, String> digests = new TreeMap<>();
    if (node.variablesDigest() != null) {
      digests.put("postBuild", node.variablesDigest());
    }
    if (node.sourceTree() instanceof ArtifactTree artifact) {
      Closure inRepository = new Closure(Set.of(), Set.of(), Set.of(), closure.remote(), closure.problems());
      for (String alias : artifact.sourceDescriptions().keySet()) {
        Closure inSource = ArtifactClosure.inSource(closure, artifact, alias);
        inRepository = inRepository.union(inSource);
        if (artifact.sources().get(alias) instanceof SourceArtifactTree source) {
          // copied from the GitRepository's artifact: its ignore rules decide what was there to copy
          Set<String> paths = new TreeSet<>(inSource.files());
          paths.addAll(inSource.trees());
          paths.addAll(inSource.directories());
          inRepository = inRepository.union(new Closure(source.ignoreFiles(paths), Set.of(), Set.of(), Set.of(),
              List.of()));
          digests.put(AffectedPairs.SOURCE_IGNORE + "@" + alias, source.ignore().digest());
        }
      }
      closure = inRepository;
      digests.put("artifact", AffectedPairs.canonical(artifact.spec()));
    }
    if (node.sourceTree() instanceof SourceArtifactTree source) {
      digests.put(AffectedPairs.SOURCE_IGNORE, source.ignore().digest());
    }
    return new AffectedPairs.Side(AffectedPairs.canonical(node.ks().spec()), closure, digests);
  }

  private Set<String> changed(ChangeRequested change) throws IOException {
    Set<String> known = changedPaths.get(change.getChangeId());
    if (known == null) {
      known = ChangedPaths.between(mirrors, change.getRepo(), change.getBase(), change.getHead());
      changedPaths.put(change.getChangeId(), known);
    }
    return known;
  }
}
