/**
 * Secret values never leave the renderer in clear: every {@code data}/{@code stringData} value of
 * a {@code v1 Secret} becomes {@code masked:<first 16 hex of HMAC-SHA256(key, value)>}.
 */
package dev.foresight.renderer.secret;
