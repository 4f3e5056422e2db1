package dev.foresight.kustomize.resource;

/** configMapGenerator/secretGenerator {@code behavior}. */
public enum GeneratorBehavior { NONE, CREATE, REPLACE, MERGE }
