package dev.foresight.app.runtime;

import dev.foresight.schema.PlannedPair;
import dev.foresight.schema.RenderPlan;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The profiles a local run renders ({@code --profile}, repeatable; none: all). A requested name
 * that is no profile of the plan is an error naming the profiles that exist, before anything is
 * rendered: a typo must not pass as "no changes".
 */
public final class ProfileSelection implements Predicate<String> {

  private final List<String> names;

  private ProfileSelection(List<String> names) {
    this.names = List.copyOf(names);
  }

  public static ProfileSelection of(List<String> names) {
    return new ProfileSelection(names);
  }

  public static ProfileSelection all() {
    return new ProfileSelection(List.of());
  }

  @Override
  public boolean test(String profile) {
    return names.isEmpty() || names.contains(profile);
  }

  /**
   * Checks the requested names against the profiles of {@code plan} (at base or head).
   *
   * @throws IllegalArgumentException naming the unknown names and the profiles there are
   */
  public void check(RenderPlan plan) {
    if (names.isEmpty() || plan.getError() != null) {
      return; // a plan error is reported as such
    }
    Set<String> existing = new TreeSet<>();
    for (PlannedPair pair : plan.getPairs()) {
      existing.add(pair.getProfile());
    }
    List<String> unknown = names.stream().filter(n -> !existing.contains(n)).distinct().toList();
    if (unknown.isEmpty()) {
      return;
    }
    String which = unknown.size() == 1 ? "--profile " + unknown.get(0) + " matches no profile"
        : "--profile " + String.join(", ", unknown) + " match no profile";
    throw new IllegalArgumentException(which + (existing.isEmpty()
        ? "; this change has none at base or head (profiles are the directories under profiles/ and clusters/, "
            + "or the profiles: of foresight.yaml)"
        : "; the profiles are " + String.join(", ", existing) + " (give one of them, or no --profile for all)"));
  }
}
