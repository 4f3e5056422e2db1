/** Thin Kafka stage adapters around {@link dev.foresight.renderer.Renderer}; the app module runs them. */
package dev.foresight.renderer.stage;
