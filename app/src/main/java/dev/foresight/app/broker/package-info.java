/**
 * The Kafka side of {@code foresight up} and {@code demo}: an in-JVM single-node KRaft broker
 * ({@link dev.foresight.app.broker.EmbeddedKafka}) and the creation of Foresight's topics on any
 * cluster ({@link dev.foresight.app.broker.TopicProvisioner}).
 */
package dev.foresight.app.broker;
