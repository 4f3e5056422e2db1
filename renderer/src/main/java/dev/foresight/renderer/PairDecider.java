package dev.foresight.renderer;

import dev.foresight.schema.ChangeRequested;
import dev.foresight.schema.PlannedPair;

/**
 * Decides, per pair, what the plan says about it: the hook for affected-only planning (return the
 * pair with action SKIP and a reason, e.g. "no input changed"). Called once per pair from
 * {@link Renderer#plan}; must be thread-safe.
 */
@FunctionalInterface
public interface PairDecider {

  /** The pair to plan; {@code planned} is the default: action RENDER, path, reason (profile error). */
  PlannedPair decide(ChangeRequested change, PairSides sides, PlannedPair planned);

  /** Renders every pair. */
  PairDecider RENDER_ALL = (change, sides, planned) -> planned;
}
