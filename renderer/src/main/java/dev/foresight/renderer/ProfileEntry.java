package dev.foresight.renderer;

import dev.foresight.renderer.flux.FluxKustomization;
import java.util.List;
import java.util.Optional;

/** What a profile's entry directory renders to at one commit: its Flux Kustomizations, or an error. */
record ProfileEntry(List<FluxKustomization> kustomizations, String error) {

  static ProfileEntry failed(String error) {
    return new ProfileEntry(List.of(), error);
  }

  Optional<FluxKustomization> find(String namespace, String name) {
    return kustomizations.stream()
        .filter(ks -> ks.name().equals(name) && ks.namespace().equals(namespace))
        .findFirst();
  }
}
