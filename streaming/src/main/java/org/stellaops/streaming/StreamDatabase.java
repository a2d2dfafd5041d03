package org.stellaops.streaming;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.FindingGroupStore;
import org.stellaops.connectors.store.FleetIndexStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SnapshotStore;
import org.stellaops.connectors.store.VerdictStore;
import org.stellaops.connectors.notify.NotifyEventStore;
import org.stellaops.connectors.notify.NotifyRuleStore;

/**
 * One operator instance's database: a single connection (operators run on one thread) and the
 * same stores the batch jobs use. Opened in an operator's {@code open}, closed in its {@code close}.
 */
public final class StreamDatabase implements AutoCloseable {
  private final SingleConnectionDataSource dataSource;
  private final JdbcTemplate jdbc;
  private final DataSourceTransactionManager transactions;

  public StreamDatabase(StreamSettings settings) {
    this.dataSource = new SingleConnectionDataSource(settings.jdbcUrl(), settings.user(), settings.password(), true);
    this.dataSource.setAutoCommit(true);
    this.jdbc = new JdbcTemplate(dataSource);
    this.transactions = new DataSourceTransactionManager(dataSource);
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  public TransactionTemplate transaction() {
    return new TransactionTemplate(transactions);
  }

  public FleetIndexStore fleet() {
    return new FleetIndexStore(jdbc, dataSource);
  }

  public SbomStore sboms() {
    return new SbomStore(jdbc, dataSource, fleet());
  }

  public AdvisoryStore advisories() {
    return new AdvisoryStore(jdbc, new SnapshotStore(jdbc), transactions);
  }

  public VerdictStore verdicts() {
    return new VerdictStore(jdbc, new FindingGroupStore(jdbc, dataSource), transactions);
  }

  public NotifyRuleStore rules() {
    return new NotifyRuleStore(jdbc);
  }

  public NotifyEventStore events() {
    return new NotifyEventStore(jdbc);
  }

  @Override
  public void close() {
    dataSource.destroy();
  }
}
