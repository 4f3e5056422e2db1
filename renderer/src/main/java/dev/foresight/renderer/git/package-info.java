/**
 * Git access without checkout: one bare mirror per repository, trees read straight from the
 * object database.
 */
package dev.foresight.renderer.git;
