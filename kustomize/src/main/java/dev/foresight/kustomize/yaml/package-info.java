/**
 * YAML as kustomize sees it: an order-preserving node tree ({@link dev.foresight.kustomize.yaml.Node}),
 * the parser that builds it and the emitter that writes it byte for byte as kustomize v5.5.0
 * (go-yaml v3 via kyaml) does.
 */
package dev.foresight.kustomize.yaml;
