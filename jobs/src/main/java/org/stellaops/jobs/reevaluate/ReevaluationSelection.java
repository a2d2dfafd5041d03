package org.stellaops.jobs.reevaluate;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The images a re-evaluation run selected ({@code policy.reevaluation_selection}), numbered in
 * image-digest order. Partitions read ranges of it; a resumed run reads the same selection.
 */
@Repository
public class ReevaluationSelection {
  private static final int BATCH = 1000;
  private final JdbcTemplate jdbc;

  public ReevaluationSelection(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** How many images run {@code jobInstanceId} selected, or -1 when it has not selected yet. */
  public int count(long jobInstanceId) {
    return jdbc.queryForObject("SELECT CASE WHEN bool_or(ordinal = -1) THEN count(*) FILTER (WHERE ordinal >= 0) ELSE -1 END"
        + " FROM policy.reevaluation_selection WHERE job_instance_id = ?", Integer.class, jobInstanceId);
  }

  /**
   * Records the selection in one transaction (the caller's), with a marker row (ordinal -1) that
   * says it is complete, so an empty selection is told apart from none.
   */
  public void write(long jobInstanceId, List<String> imageDigests) {
    jdbc.update("DELETE FROM policy.reevaluation_selection WHERE job_instance_id = ?", jobInstanceId);
    List<Object[]> rows = new ArrayList<>(Math.min(imageDigests.size() + 1, BATCH));
    rows.add(new Object[] {jobInstanceId, -1, ""});
    for (int i = 0; i < imageDigests.size(); i++) {
      rows.add(new Object[] {jobInstanceId, i, imageDigests.get(i)});
      if (rows.size() == BATCH) {
        insert(rows);
      }
    }
    insert(rows);
  }

  private void insert(List<Object[]> rows) {
    if (!rows.isEmpty()) {
      jdbc.batchUpdate("INSERT INTO policy.reevaluation_selection (job_instance_id, ordinal, image_digest) VALUES (?, ?, ?)",
          rows);
      rows.clear();
    }
  }

  /** The image digests with ordinals in [{@code from}, {@code to}), in order. */
  public List<String> range(long jobInstanceId, int from, int to) {
    return jdbc.queryForList("SELECT image_digest FROM policy.reevaluation_selection WHERE job_instance_id = ?"
        + " AND ordinal >= ? AND ordinal < ? ORDER BY ordinal", String.class, jobInstanceId, Math.max(from, 0), to);
  }
}
