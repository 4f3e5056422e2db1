/**
 * The publisher: shows a {@link dev.foresight.schema.Report} where people look. {@link
 * dev.foresight.publisher.Views} is the front door of the views ({@link
 * dev.foresight.publisher.MarkdownView} in comment-sized parts, {@link
 * dev.foresight.publisher.SlackView}, {@link dev.foresight.publisher.HtmlView}, {@link
 * dev.foresight.publisher.JsonView}, {@link dev.foresight.publisher.TextView}, {@link
 * dev.foresight.publisher.SummaryLine}), pure functions of a report; {@link
 * dev.foresight.publisher.Publisher} is the front door of the sinks; {@link
 * dev.foresight.publisher.ArchivePublisher} is the file sink; {@code stage} holds the Kafka stage
 * handler.
 */
package dev.foresight.publisher;
