/**
 * The render cache: rendered (already masked) pair outputs on disk, content-addressed by
 * everything the render reads ({@link dev.foresight.renderer.cache.CacheKeys}), bounded in size
 * with least-recently-used eviction, shared by every renderer and process using one data directory.
 */
package dev.foresight.renderer.cache;
