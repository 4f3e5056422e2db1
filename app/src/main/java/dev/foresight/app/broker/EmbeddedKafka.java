package dev.foresight.app.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka (KRaft, combined broker and controller) inside this JVM, for {@code foresight
 * up} and {@code foresight demo}.
 *
 * <p>The data directory is formatted on first start only; starting again on the same directory
 * keeps topics, offsets and records.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Formats {@code dataDir} when needed, starts the broker and returns once it answers.
   *
   * @param port the PLAINTEXT port on 127.0.0.1; 0 picks a free one
   * @throws BrokerStartException when the port is taken or the broker does not come up
   */
  public static EmbeddedKafka start(Path dataDir, int port) {
    int brokerPort = port == 0 ? freePort() : requireFreePort(port);
    int controllerPort = freePort();
    while (controllerPort == brokerPort) {
      controllerPort = freePort();
    }
    Path logDir = dataDir.toAbsolutePath().resolve("kraft");
    Properties props = brokerProperties(logDir, brokerPort, controllerPort);
    format(logDir);
    KafkaRaftServer server = new KafkaRaftServer(kafkaConfig(props), Time.SYSTEM);
    String bootstrap = HOST + ":" + brokerPort;
    EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap);
    try {
      server.startup();
      awaitReady(bootstrap);
    } catch (RuntimeException e) {
      kafka.close();
      if (!isFree(brokerPort)) {
        throw portTaken(brokerPort, e);
      }
      throw new BrokerStartException("embedded Kafka did not start on " + bootstrap
          + " with data in " + logDir + ": " + e.getMessage(), e);
    }
    return kafka;
  }

  /** {@code 127.0.0.1:<port>}, for producers, consumers and Streams. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker and waits until it has released its ports and files. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
  }

  static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort),
        Map.entry("controller.listener.names", "CONTROLLER"),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
        Map.entry("log.dirs", logDir.toString()),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "6"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("transaction.state.log.num.partitions", "6"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        Map.entry("num.partitions", "6"),
        Map.entry("default.replication.factor", "1"),
        Map.entry("auto.create.topics.enable", "false"),
        Map.entry("message.max.bytes", String.valueOf(8 * 1024 * 1024 + 1024)),
        Map.entry("replica.fetch.max.bytes", String.valueOf(8 * 1024 * 1024 + 1024))));
    return p;
  }

  /**
   * {@code KafkaConfig.fromProps(props, false)}, called reflectively: a direct call makes javac load
   * KafkaConfig's superclass from kafka-server, a runtime-only dependency of kafka_2.13 whose
   * version the parent does not manage.
   */
  private static KafkaConfig kafkaConfig(Properties props) {
    try {
      return (KafkaConfig) KafkaConfig.class.getMethod("fromProps", Properties.class, boolean.class)
          .invoke(null, props, false);
    } catch (InvocationTargetException e) {
      throw new BrokerStartException("invalid embedded Kafka configuration: "
          + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("kafka_2.13 on the class path lacks KafkaConfig.fromProps", e);
    }
  }

  /** Writes meta.properties and the bootstrap checkpoint unless an earlier start did. */
  private static void format(Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setControllerListenerName("CONTROLLER")
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka data directory " + logDir, e);
    } catch (Exception e) {
      throw new BrokerStartException("cannot format the Kafka data directory " + logDir
          + ": " + e.getMessage() + " (delete it to start from scratch)", e);
    }
  }

  private static void awaitReady(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(props)) {
      while (true) {
        try {
          if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000))
              .nodes().get(6, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for Kafka on " + bootstrap, e);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new BrokerStartException("Kafka on " + bootstrap + " did not answer within "
              + READY_TIMEOUT.toSeconds() + " s", null);
        }
        sleep(100);
      }
    }
  }

  private static int requireFreePort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range; use 1-65535, or 0 for any free port");
    }
    if (!isFree(port)) {
      throw portTaken(port, null);
    }
    return port;
  }

  private static BrokerStartException portTaken(int port, Throwable cause) {
    return new BrokerStartException("port " + port + " on " + HOST + " is already in use: stop what"
        + " listens there, or start the embedded broker on another port with --port <N>"
        + " (--port 0 picks a free one)", cause);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerStartException("interrupted while waiting for Kafka", e);
    }
  }
}
