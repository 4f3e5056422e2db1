/**
 * The publisher: shows a {@link dev.foresight.schema.Report} where people look. {@link
 * dev.foresight.publisher.Publisher} is the front door; the views ({@link
 * dev.foresight.publisher.MarkdownView}, {@link dev.foresight.publisher.JsonView}, {@link
 * dev.foresight.publisher.TextView}, {@link dev.foresight.publisher.SummaryLine}) are pure functions
 * of a report; {@link dev.foresight.publisher.ArchivePublisher} is the file sink; {@code stage}
 * holds the Kafka stage handler.
 */
package dev.foresight.publisher;
