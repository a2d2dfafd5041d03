package org.stellaops.connectors.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Events the stream derived ({@code notify.event}), recorded once each by event id. */
@Repository
public class NotifyEventStore {
  private final JdbcTemplate jdbc;

  public NotifyEventStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Records {@code event}; false when it was recorded before. */
  public boolean record(RescanDelta event) {
    return jdbc.update("INSERT INTO notify.event (event_id, kind, image_digest, snapshot, occurred_at, payload)"
        + " VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_id) DO NOTHING", event.eventId(), event.kind(),
        event.imageDigest(), event.snapshot(), Timestamp.from(Instant.ofEpochMilli(event.occurredAtMillis())),
        event.toJson().toString()) == 1;
  }

  /** The events about {@code imageDigest}, oldest first. */
  public List<RescanDelta> forImage(String imageDigest) {
    return jdbc.query("SELECT payload::text FROM notify.event WHERE image_digest = ? ORDER BY snapshot, event_id",
        (r, i) -> RescanDelta.fromJson(MessageRenderer.parse(r.getString(1))), imageDigest);
  }
}
