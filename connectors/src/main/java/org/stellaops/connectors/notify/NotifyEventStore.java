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

  /** Records {@code events} in one batch; an event recorded before is left as it is. */
  public void record(List<RescanDelta> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.batchUpdate("INSERT INTO notify.event (event_id, kind, image_digest, snapshot, occurred_at, payload)"
        + " VALUES (?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_id) DO NOTHING", events.stream()
        .map(e -> new Object[] {e.eventId(), e.kind(), e.imageDigest(), e.snapshot(),
            Timestamp.from(Instant.ofEpochMilli(e.occurredAtMillis())), e.toJson().toString()})
        .toList());
  }

  /** The events about {@code imageDigest}, oldest first. */
  public List<RescanDelta> forImage(String imageDigest) {
    return jdbc.query("SELECT payload::text FROM notify.event WHERE image_digest = ? ORDER BY snapshot, event_id",
        (r, i) -> RescanDelta.fromJson(MessageRenderer.parse(r.getString(1))), imageDigest);
  }
}
