/** GitHub webhook deliveries: signature check and mapping of events to changes. Pure, no I/O. */
package dev.foresight.ingest.github;
