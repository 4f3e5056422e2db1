/**
 * What a repository may make the renderer fetch: remote references of kustomizations (resources,
 * bases, components, file-valued fields, helm chart repositories) and other git sources are
 * fetched only when the trusted side (the base revision's {@code foresight.yaml} or the operator)
 * allows their prefix, and never from loopback, link-local or private addresses unless that host is
 * listed explicitly. See {@code docs/adr/0010-remote-fetch-policy.md}.
 */
package dev.foresight.renderer.remote;
