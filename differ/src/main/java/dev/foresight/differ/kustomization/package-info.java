/** The report of one profile x Flux Kustomization pair: whole-output diff, per-object diffs, diffstat. */
package dev.foresight.differ.kustomization;
