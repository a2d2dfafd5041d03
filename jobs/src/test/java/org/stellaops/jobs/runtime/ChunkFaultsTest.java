package org.stellaops.jobs.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.stellaops.jobs.runtime.ChunkFaults.Kind;

/** The retriable / refused / internal split, by SQLSTATE and exception type. */
class ChunkFaultsTest {

  @Test
  void connectionLossAndConcurrencyConflictsAreRetriable() {
    assertThat(ChunkFaults.classify(new PSQLException("gone", PSQLState.CONNECTION_FAILURE))).isEqualTo(Kind.RETRIABLE);
    assertThat(ChunkFaults.classify(new RuntimeException(new SQLException("conflict", "40001")))).isEqualTo(Kind.RETRIABLE);
    assertThat(ChunkFaults.classify(new SQLException("deadlock", "40P01"))).isEqualTo(Kind.RETRIABLE);
    assertThat(ChunkFaults.classify(new SQLException("lock timeout", "55P03"))).isEqualTo(Kind.RETRIABLE);
    assertThat(ChunkFaults.classify(new QueryTimeoutException("slow"))).isEqualTo(Kind.RETRIABLE);
  }

  @Test
  void dataTheDatabaseCannotHoldIsRefused() {
    assertThat(ChunkFaults.classify(new SQLException("nul", "22P05"))).isEqualTo(Kind.REFUSED);
    assertThat(ChunkFaults.classify(new DataIntegrityViolationException("null", new SQLException("null", "23502"))))
        .isEqualTo(Kind.REFUSED);
    assertThat(ChunkFaults.classify(new SQLException("index row too big", "54000"))).isEqualTo(Kind.REFUSED);
    BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "42000", new int[0]);
    batch.setNextException(new SQLException("value too long", "22001"));
    assertThat(ChunkFaults.classify(batch)).as("the statement's own error decides, not the batch wrapper").isEqualTo(Kind.REFUSED);
  }

  @Test
  void everythingElseIsABug() {
    assertThat(ChunkFaults.classify(new IllegalStateException("oops"))).isEqualTo(Kind.INTERNAL);
    assertThat(ChunkFaults.classify(new SQLException("syntax", "42601"))).isEqualTo(Kind.INTERNAL);
    assertThat(ChunkFaults.classify(new NullPointerException())).isEqualTo(Kind.INTERNAL);
    assertThat(ChunkFaults.classify(new DataIntegrityViolationException("dup", new SQLException("dup", "23505"))))
        .as("a unique violation in our own writes is a bug or a race, not the document's fault").isEqualTo(Kind.INTERNAL);
    assertThat(ChunkFaults.classify(new SQLException("fk", "23503"))).isEqualTo(Kind.INTERNAL);
  }

  @Test
  void describesTheDatabaseError() {
    assertThat(ChunkFaults.describe(new RuntimeException(new SQLException("value too long for type character varying(5)\nmore",
        "22001")))).isEqualTo("the database refused it: value too long for type character varying(5) [SQLSTATE 22001]");
  }
}
