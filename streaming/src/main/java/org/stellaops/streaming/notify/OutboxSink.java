package org.stellaops.streaming.notify;

import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.stellaops.connectors.notify.DeliveryStore;
import org.stellaops.connectors.notify.OutboxMessage;
import org.stellaops.streaming.StreamSettings;

/**
 * The outbox sink: flink-connector-jdbc's at-least-once sink running {@link DeliveryStore#ENQUEUE},
 * an insert that does nothing for a delivery id already queued. At-least-once plus an idempotent
 * insert keyed by the delivery id gives each message once, without XA transactions (which the
 * exactly-once sink needs, with {@code max_prepared_transactions} above 0 on the server).
 */
public final class OutboxSink {
  private OutboxSink() {}

  public static JdbcSink<OutboxMessage> create(StreamSettings settings) {
    JdbcConnectionOptions.JdbcConnectionOptionsBuilder connection = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
        .withUrl(settings.jdbcUrl())
        .withDriverName("org.postgresql.Driver");
    if (settings.user() != null) {
      connection.withUsername(settings.user());
    }
    if (settings.password() != null) {
      connection.withPassword(settings.password());
    }
    return JdbcSink.<OutboxMessage>builder()
        .withQueryStatement(DeliveryStore.ENQUEUE, (ps, message) -> DeliveryStore.bind(ps, message))
        .withExecutionOptions(JdbcExecutionOptions.builder().withBatchSize(100).withBatchIntervalMs(100).withMaxRetries(5)
            .build())
        .buildAtLeastOnce(connection.build());
  }
}
