/** Replay sources: historical ref updates read back as changes. */
package dev.foresight.ingest.replay;
