/**
 * The demo GitOps repository: web and worker apps, infrastructure, three profiles of Flux
 * Kustomizations and a short history of pushes and a promotion, plus the {@code web} image's
 * component repository with its release tags, built with JGit from the files under
 * {@code src/main/resources/sample/}.
 */
package dev.foresight.app.sample;
