/**
 * The runtime shared by the stage services: a transactional consume-transform-produce loop
 * ({@link dev.foresight.stage.StageLoop}) around a pure {@link dev.foresight.stage.Handler}, with
 * dead-lettering of records that cannot be processed.
 */
package dev.foresight.stage;
