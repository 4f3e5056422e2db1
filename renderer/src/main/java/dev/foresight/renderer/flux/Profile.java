package dev.foresight.renderer.flux;

/**
 * One kind of cluster: a directory ({@code profiles/<name>}, {@code clusters/<name>} or one listed
 * in foresight.yaml) whose kustomize output lists the Flux Kustomizations that cluster runs.
 *
 * @param name the directory name, e.g. {@code staging}
 * @param entry the tree path of the entry directory, e.g. {@code profiles/staging}
 */
public record Profile(String name, String entry) {}
