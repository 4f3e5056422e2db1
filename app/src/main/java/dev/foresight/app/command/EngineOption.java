package dev.foresight.app.command;

import dev.foresight.renderer.RendererConfig;
import dev.foresight.renderer.engine.EngineChoice;
import picocli.CommandLine.Option;

/** The {@code --engine} option of every command that renders (a picocli mixin). */
final class EngineOption {

  @Option(names = "--engine", paramLabel = "ENGINE",
      description = "native (in-process, falls back to exec for what it lacks), exec (kubectl/kustomize processes) "
          + "or verify (both; a difference is a fidelity error). Default: $FORESIGHT_ENGINE or native.")
  String engine;

  /** {@code config} with the chosen engine, or unchanged when none was chosen. */
  RendererConfig apply(RendererConfig config) {
    return engine == null ? config : config.withEngine(EngineChoice.parse(engine));
  }

  /** The engine the render will use, for headers. */
  String describe() {
    return (engine == null ? RendererConfig.defaultEngine() : EngineChoice.parse(engine)).toString();
  }
}
