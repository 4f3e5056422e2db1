package dev.foresight.kustomize.yaml;

/** How a scalar was (or is to be) written. */
public enum ScalarStyle { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED }
