package org.stellaops.connectors.notify;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox, {@code notify.delivery}: messages queued once each (by delivery id), claimed by a
 * dispatcher, and recorded as sent or dead with their attempts and last error.
 */
@Repository
public class DeliveryStore {
  private static final String COLUMNS = "delivery_id, rule_name, action_index, channel, target, template, kind, event_ids,"
      + " payload::text, status, attempts, last_error, created_at, delivered_at, next_attempt_at";
  private final JdbcTemplate jdbc;

  public DeliveryStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A row of the outbox. */
  public record Delivery(OutboxMessage message, String status, int attempts, Optional<String> lastError, Instant createdAt,
      Optional<Instant> deliveredAt, Instant nextAttemptAt) {}

  /** Statement that queues a message unless one with its id is queued already (parameters: {@link #bind}). */
  public static final String ENQUEUE = "INSERT INTO notify.delivery (delivery_id, rule_name, action_index, channel, target,"
      + " template, kind, event_ids, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (delivery_id) DO NOTHING";

  /** Sets the parameters of {@link #ENQUEUE}. */
  public static void bind(java.sql.PreparedStatement ps, OutboxMessage m) throws SQLException {
    ps.setString(1, m.deliveryId());
    ps.setString(2, m.ruleName());
    ps.setInt(3, m.actionIndex());
    ps.setString(4, m.channel());
    ps.setString(5, m.target());
    ps.setString(6, m.template());
    ps.setString(7, m.kind());
    ps.setArray(8, ps.getConnection().createArrayOf("text", m.eventIds()));
    ps.setString(9, m.payload());
  }

  /** Queues {@code message}; false when a message with its id is queued already. */
  public boolean enqueue(OutboxMessage message) {
    return jdbc.update(ENQUEUE, ps -> bind(ps, message)) == 1;
  }

  /**
   * Claims up to {@code limit} due messages for {@code lease}: pending ones whose time has come,
   * and ones a dispatcher claimed and never recorded (it stopped) once their lease ran out. Each
   * claim counts as an attempt. Concurrent dispatchers claim different rows.
   */
  public List<Delivery> claimDue(int limit, Duration lease) {
    return jdbc.query("UPDATE notify.delivery SET status = 'sending', attempts = attempts + 1,"
        + " next_attempt_at = now() + ? * interval '1 millisecond' WHERE delivery_id IN (SELECT delivery_id FROM notify.delivery"
        + " WHERE status IN ('pending', 'sending') AND next_attempt_at <= now() ORDER BY next_attempt_at, delivery_id"
        + " LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS, (r, i) -> delivery(r), lease.toMillis(), limit);
  }

  public void markSent(String deliveryId) {
    jdbc.update("UPDATE notify.delivery SET status = 'sent', delivered_at = now(), last_error = NULL WHERE delivery_id = ?",
        deliveryId);
  }

  /** Records a failed attempt to be tried again after {@code backoff}. */
  public void markRetry(String deliveryId, String error, Duration backoff) {
    jdbc.update("UPDATE notify.delivery SET status = 'pending', last_error = ?,"
        + " next_attempt_at = now() + ? * interval '1 millisecond' WHERE delivery_id = ?", error, backoff.toMillis(), deliveryId);
  }

  /** Records a message that will not be tried again (a dead letter). */
  public void markDead(String deliveryId, String error) {
    jdbc.update("UPDATE notify.delivery SET status = 'dead', last_error = ? WHERE delivery_id = ?", error, deliveryId);
  }

  /** The newest {@code limit} deliveries, only dead letters when {@code deadOnly}. */
  public List<Delivery> list(DeliveryFilter filter, int limit) {
    String where = switch (filter) {
      case ALL -> "";
      case FAILED -> " WHERE status = 'dead' OR (status = 'pending' AND attempts > 0)";
      case DEAD -> " WHERE status = 'dead'";
    };
    return jdbc.query("SELECT " + COLUMNS + " FROM notify.delivery" + where + " ORDER BY created_at DESC, delivery_id LIMIT ?",
        (r, i) -> delivery(r), limit);
  }

  /** Which deliveries {@link #list} shows. */
  public enum DeliveryFilter {
    ALL,
    /** Dead letters, and messages waiting for another attempt after a failure. */
    FAILED,
    DEAD
  }

  public Optional<Delivery> find(String deliveryId) {
    return jdbc.query("SELECT " + COLUMNS + " FROM notify.delivery WHERE delivery_id = ?", (r, i) -> delivery(r), deliveryId)
        .stream().findFirst();
  }

  private static Delivery delivery(ResultSet r) throws SQLException {
    Array ids = r.getArray(8);
    OutboxMessage message = new OutboxMessage(r.getString(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5),
        r.getString(6), r.getString(7), (String[]) ids.getArray(), r.getString(9));
    return new Delivery(message, r.getString(10), r.getInt(11), Optional.ofNullable(r.getString(12)),
        r.getTimestamp(13).toInstant(), Optional.ofNullable(r.getTimestamp(14)).map(java.sql.Timestamp::toInstant),
        r.getTimestamp(15).toInstant());
  }
}
