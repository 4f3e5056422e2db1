/**
 * Output rules of {@code foresight.yaml} ({@code report.mask}, {@code report.ignore}) applied to
 * each rendered side in the renderer, before it leaves: configurable masked fields and ignored
 * (noise) fields, so the differ needs no configuration. Pure: no Kafka, JGit or I/O.
 */
package dev.foresight.renderer.output;
