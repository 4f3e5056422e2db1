/**
 * Secret values never leave the renderer in clear: every {@code data}/{@code stringData} value of
 * a {@code v1 Secret} becomes {@code masked:<first 16 hex of HMAC-SHA256(key, value)>}, every SOPS
 * ciphertext {@code sops-encrypted:<digest>}, Secret values found in other objects and in messages
 * their tokens (see {@link dev.foresight.renderer.secret.SecretMasker}).
 */
package dev.foresight.renderer.secret;
