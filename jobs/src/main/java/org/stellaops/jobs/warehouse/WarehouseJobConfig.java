package org.stellaops.jobs.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.SnapshotStore;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.engine.ecosystem.PackageKey;
import org.stellaops.warehouse.WarehouseManifest;
import org.stellaops.warehouse.WarehouseSnapshotWriter;
import org.stellaops.warehouse.WarehouseTable;

/**
 * Job {@code warehouseSnapshot}: the warehouse snapshot of one date (job parameters {@code date},
 * {@code warehouse}, {@code rowsPerFile}), in four steps whose results (the files each table was
 * written to) are kept in the job's execution context, so a run killed midway resumes at the step
 * it was in and keeps the tables already written:
 *
 * <ol>
 *   <li>{@code warehousePin}: the advisory snapshot the run reads, fixed for the whole run;
 *   <li>{@code warehouseAdvisories}: advisories and affected packages as of that snapshot;
 *   <li>{@code warehouseFleet}: images, their components, current verdicts, their findings, the KEV catalog, EPSS
 *       scores and export runs, read in
 *       one repeatable-read transaction so they agree with one another;
 *   <li>{@code warehousePublish}: the append-only tables (image history, export deltas): only the
 *       rows recorded since the previous snapshot, with the previous snapshot's files listed
 *       beside them; then the manifest, last.
 * </ol>
 */
@Configuration
public class WarehouseJobConfig {
  public static final String JOB_NAME = "warehouseSnapshot";
  static final String TENANT = "default";
  private static final Logger PROGRESS = LoggerFactory.getLogger("stella.progress");
  private static final String PIN = "warehouse.advisorySnapshot";
  private static final String TABLE = "warehouse.table.";

  @Bean
  Job warehouseSnapshotJob(JobRepository repository, Step warehousePin, Step warehouseAdvisories, Step warehouseFleet,
      Step warehousePublish) {
    return new JobBuilder(JOB_NAME, repository).start(warehousePin).next(warehouseAdvisories).next(warehouseFleet)
        .next(warehousePublish).build();
  }

  @Bean
  Step warehousePin(JobRepository repository, PlatformTransactionManager transactions, SnapshotStore snapshots) {
    return new StepBuilder("warehousePin", repository).tasklet((contribution, chunk) -> {
      ExecutionContext job = jobContext(chunk);
      if (!job.containsKey(PIN)) {
        job.putLong(PIN, snapshots.latestSealed());
      }
      return RepeatStatus.FINISHED;
    }, transactions).build();
  }

  @Bean
  Step warehouseAdvisories(JobRepository repository, PlatformTransactionManager transactions, Tasklet warehouseAdvisoriesTasklet) {
    return new StepBuilder("warehouseAdvisories", repository).tasklet(warehouseAdvisoriesTasklet, transactions)
        .allowStartIfComplete(true).build();
  }

  @Bean
  @StepScope
  Tasklet warehouseAdvisoriesTasklet(AdvisoryStore advisories, @Value("#{jobParameters['warehouse']}") String warehouse,
      @Value("#{jobParameters['date']}") String date, @Value("#{jobParameters['rowsPerFile']}") String rowsPerFile) {
    return (contribution, chunk) -> {
      long snapshot = jobContext(chunk).getLong(PIN);
      if (intact(chunk, warehouse, "advisories", "affected_packages")) {
        return RepeatStatus.FINISHED;
      }
      long started = System.nanoTime();
      try (WarehouseSnapshotWriter writer = writer(warehouse, date, rowsPerFile)) {
        WarehouseSnapshotWriter.Background rows = new WarehouseSnapshotWriter.Background(writer.table(WarehouseTable.named("advisories")));
        WarehouseSnapshotWriter.Background affected = new WarehouseSnapshotWriter.Background(
            writer.table(WarehouseTable.named("affected_packages")));
        if (snapshot > 0) {
          advisories.forEachAsOf(snapshot, a -> {
            add(rows, a.id(), a.severity().level().name(), a.severity().score().orElse(null), a.summary(), a.published().orElse(null),
                a.modified().orElse(null), a.hasBeenWithdrawn(), String.join(",", a.aliases()), snapshot);
            for (var p : a.affected()) {
              add(affected, a.id(), p.ecosystem(), p.name(), Ecosystems.productKey(p.ecosystem(), p.name()), snapshot);
            }
          });
        }
        rows.close();
        affected.close();
        record(chunk, writer, started);
      }
      return RepeatStatus.FINISHED;
    };
  }

  @Bean
  Step warehouseFleet(JobRepository repository, PlatformTransactionManager transactions, Tasklet warehouseFleetTasklet) {
    return new StepBuilder("warehouseFleet", repository).tasklet(warehouseFleetTasklet, transactions)
        .transactionAttribute(repeatableRead()).allowStartIfComplete(true).build();
  }

  /** Reads of one step see one state of the database, so the tables it writes agree with each other. */
  private static DefaultTransactionAttribute repeatableRead() {
    DefaultTransactionAttribute attribute = new DefaultTransactionAttribute();
    attribute.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    return attribute;
  }

  /** The current verdict of every image that has an SBOM: the newest by advisory snapshot, then by id. */
  public static final String CURRENT_VERDICTS = "SELECT DISTINCT ON (v.image_digest) v.* FROM policy.verdict v JOIN sbom.image i"
      + " ON i.tenant_id = v.tenant_id AND i.image_digest = v.image_digest WHERE v.tenant_id = 'default'"
      + " ORDER BY v.image_digest, v.advisory_snapshot_id DESC, v.verdict_id DESC";

  /**
   * The rows of the current verdicts' finding groups (verdicts stored since V14), {@code c} the
   * verdict, {@code f} the finding, {@code u.n} the group's place: canonical order is
   * {@code c.image_digest, u.n, f.ordinal}. Read directly rather than through the
   * {@code policy.finding} view, whose window function makes PostgreSQL compute and sort every
   * finding before returning the first.
   */
  public static final String CURRENT_GROUP_FINDINGS = "(" + CURRENT_VERDICTS + ") c"
      + " CROSS JOIN LATERAL unnest(c.finding_groups) WITH ORDINALITY AS u (group_id, n)"
      + " JOIN policy.group_finding f ON f.group_id = u.group_id";

  @Bean
  @StepScope
  Tasklet warehouseFleetTasklet(JdbcTemplate jdbc, @Value("#{jobParameters['warehouse']}") String warehouse,
      @Value("#{jobParameters['date']}") String date, @Value("#{jobParameters['rowsPerFile']}") String rowsPerFile) {
    return (contribution, chunk) -> {
      if (intact(chunk, warehouse, "images", "components", "verdicts", "findings", "kev", "epss", "export_runs")) {
        return RepeatStatus.FINISHED;
      }
      JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
      cursor.setFetchSize(2_000);
      long started = System.nanoTime();
      try (WarehouseSnapshotWriter writer = writer(warehouse, date, rowsPerFile)) {
        WarehouseSnapshotWriter.TableWriter images = writer.table(WarehouseTable.named("images"));
        cursor.query("SELECT i.image_digest, d.name, 'sha256:' || i.sbom_sha256, d.component_count FROM sbom.image i"
            + " JOIN sbom.document d ON d.tenant_id = i.tenant_id AND d.sha256 = i.sbom_sha256 WHERE i.tenant_id = 'default'"
            + " ORDER BY i.image_digest", (ResultSet r) -> {
              add(images, r.getString(1), r.getString(2), r.getString(3), r.getLong(4));
            });
        images.close();
        WarehouseSnapshotWriter.Background components = new WarehouseSnapshotWriter.Background(
            writer.table(WarehouseTable.named("components")));
        long[] componentRows = {0};
        cursor.query("SELECT i.image_digest, c.ordinal, c.purl, c.name, c.version, c.type, c.layer, c.source_package,"
            + " array_to_string(c.licenses, ','), c.scope, c.used_by_entrypoint FROM sbom.image i JOIN sbom.component c"
            + " ON c.tenant_id = i.tenant_id AND c.sbom_sha256 = i.sbom_sha256 WHERE i.tenant_id = 'default'"
            + " ORDER BY i.image_digest, c.ordinal", (ResultSet r) -> {
              String purl = r.getString(3);
              Optional<PackageKey> key = purl == null ? Optional.empty() : Ecosystems.fromPurl(purl);
              boolean used = r.getBoolean(11);
              add(components, r.getString(1), r.getLong(2), purl, r.getString(4), r.getString(5), r.getString(6),
                  key.map(PackageKey::ecosystem).orElse(null), key.map(k -> Ecosystems.productKey(k.ecosystem(), k.name())).orElse(null),
                  r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.wasNull() ? null : used);
              if (++componentRows[0] % 1_000_000 == 0) {
                PROGRESS.info("warehouse: components {} rows written", componentRows[0]);
              }
            });
        components.close();
        WarehouseSnapshotWriter.TableWriter verdicts = writer.table(WarehouseTable.named("verdicts"));
        // The rule is in the stored frame (the body without its findings): no need to rebuild whole documents.
        cursor.query("SELECT c.image_digest, c.decision, c.document::jsonb->>'rule', c.verdict_digest,"
            + " c.advisory_snapshot_id, c.sbom_digest, c.policy_digest, c.engine_version, c.created_at FROM (" + CURRENT_VERDICTS
            + ") c ORDER BY c.image_digest", (ResultSet r) -> {
              add(verdicts, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getLong(5), r.getString(6),
                  r.getString(7), r.getString(8), r.getTimestamp(9).toInstant());
            });
        verdicts.close();
        WarehouseSnapshotWriter.Background findings = new WarehouseSnapshotWriter.Background(
            writer.table(WarehouseTable.named("findings")));
        long[] seen = {0};
        org.springframework.jdbc.core.RowCallbackHandler finding = (ResultSet r) -> {
          double score = r.getDouble(10);
          add(findings, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
              r.getString(7), r.getString(8), r.getString(9), r.wasNull() ? null : score, r.getString(11));
          if (++seen[0] % 1_000_000 == 0) {
            PROGRESS.info("warehouse: findings {} rows written", seen[0]);
          }
        };
        // Verdicts stored before finding groups (V14) keep their rows in policy.finding_v1; the others in their groups.
        cursor.query("SELECT c.image_digest, c.verdict_digest, f.advisory_id, f.purl, f.ecosystem, f.package_name, f.version,"
            + " f.status, f.severity, f.score, f.fixed_version FROM (" + CURRENT_VERDICTS + ") c"
            + " JOIN policy.finding_v1 f ON f.verdict_id = c.verdict_id WHERE c.finding_groups IS NULL"
            + " ORDER BY c.image_digest, f.ordinal", finding);
        cursor.query("SELECT c.image_digest, c.verdict_digest, f.advisory_id, f.purl, f.ecosystem, f.package_name, f.version,"
            + " f.status, f.severity, f.score, f.fixed_version FROM " + CURRENT_GROUP_FINDINGS
            + " ORDER BY c.image_digest, u.n, f.ordinal", finding);
        findings.close();
        WarehouseSnapshotWriter.TableWriter kev = writer.table(WarehouseTable.named("kev"));
        cursor.query("SELECT cve_id, vendor_project, product, vulnerability_name, date_added, due_date, known_ransomware,"
            + " catalog_version FROM vuln.kev WHERE tenant_id = 'default' ORDER BY cve_id", (ResultSet r) -> {
              java.sql.Date due = r.getDate(6);
              add(kev, r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getDate(5).toLocalDate(),
                  due == null ? null : due.toLocalDate(), r.getString(7), r.getString(8));
            });
        kev.close();
        WarehouseSnapshotWriter.TableWriter epss = writer.table(WarehouseTable.named("epss"));
        cursor.query("SELECT cve_id, epss, percentile, model_version, score_date FROM vuln.epss WHERE tenant_id = 'default'"
            + " ORDER BY cve_id", (ResultSet r) -> {
              java.sql.Date scored = r.getDate(5);
              add(epss, r.getString(1), r.getDouble(2), r.getDouble(3), r.getString(4), scored == null ? null : scored.toLocalDate());
            });
        epss.close();
        WarehouseSnapshotWriter.TableWriter exportRuns = writer.table(WarehouseTable.named("export_runs"));
        cursor.query("SELECT run_id, profile, status, snapshot, started_at, finished_at, error_class, outputs->>'manifestSha256'"
            + " FROM export.export_runs WHERE tenant_id = 'default' ORDER BY run_id", (ResultSet r) -> {
              long snap = r.getLong(4);
              Long snapshotNumber = r.wasNull() ? null : snap;
              Timestamp finished = r.getTimestamp(6);
              add(exportRuns, r.getLong(1), r.getString(2), r.getString(3), snapshotNumber, r.getTimestamp(5).toInstant(),
                  finished == null ? null : finished.toInstant(), r.getString(7), r.getString(8));
            });
        record(chunk, writer, started);
      }
      return RepeatStatus.FINISHED;
    };
  }

  @Bean
  Step warehousePublish(JobRepository repository, PlatformTransactionManager transactions, Tasklet warehousePublishTasklet) {
    return new StepBuilder("warehousePublish", repository).tasklet(warehousePublishTasklet, transactions)
        .transactionAttribute(repeatableRead()).build();
  }

  @Bean
  @StepScope
  Tasklet warehousePublishTasklet(JdbcTemplate jdbc, @Value("#{jobParameters['warehouse']}") String warehouse,
      @Value("#{jobParameters['date']}") String date, @Value("#{jobParameters['rowsPerFile']}") String rowsPerFile) {
    return (contribution, chunk) -> {
      Path root = Path.of(warehouse);
      LocalDate day = LocalDate.parse(date);
      ExecutionContext job = jobContext(chunk);
      long advisorySnapshot = job.getLong(PIN);
      WarehouseManifest.requireForward(root, day);
      Optional<WarehouseManifest> base = WarehouseManifest.base(root, day);
      JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
      cursor.setFetchSize(2_000);
      long started = System.nanoTime();
      Map<String, WarehouseManifest.TableFiles> tables = new LinkedHashMap<>();
      Map<String, Object> source = new LinkedHashMap<>();
      WarehouseTable historyTable = WarehouseTable.named("image_history");
      WarehouseTable deltaTable = WarehouseTable.named("export_deltas");
      try (WarehouseSnapshotWriter writer = writer(warehouse, date, rowsPerFile)) {
        // image_history: rows after the base's last seq, and any row below it that committed after the base was taken.
        WarehouseManifest.TableFiles baseHistory = baseFiles(base, historyTable);
        long baseSeq = base.isEmpty() ? 0 : watermark(root, base.get(), "imageHistorySeq", baseHistory, "seq");
        WarehouseSnapshotWriter.TableWriter history = writer.table(historyTable);
        long below = jdbc.queryForObject("SELECT count(*) FROM sbom.image_history WHERE tenant_id = 'default' AND seq <= ?",
            Long.class, baseSeq);
        if (below < baseHistory.rows()) {
          throw new IllegalStateException("sbom.image_history holds " + below + " rows up to seq " + baseSeq + " where the warehouse"
              + " snapshot of " + base.get().snapshotDate() + " recorded " + baseHistory.rows() + ": rows were removed from the"
              + " database; start a new warehouse folder (--warehouse)");
        }
        Set<Long> captured = below > baseHistory.rows() ? capturedSeqs(root, baseHistory) : Set.of();
        long[] maxSeq = {baseSeq};
        cursor.query("SELECT seq, image_digest, 'sha256:' || sbom_sha256, job_instance_id FROM sbom.image_history"
            + " WHERE tenant_id = 'default' AND (seq > ? OR ?) ORDER BY seq", (ResultSet r) -> {
              long seq = r.getLong(1);
              if (seq > baseSeq || !captured.contains(seq)) {
                add(history, seq, r.getString(2), r.getString(3), r.getLong(4));
              }
              maxSeq[0] = Math.max(maxSeq[0], seq);
            }, baseSeq, !captured.isEmpty());
        history.close();
        tables.put(historyTable.name(), baseHistory.plus(history.files()));
        source.put("imageHistorySeq", maxSeq[0]);

        // export_deltas: deltas of the snapshots sealed after the base's (sealing is serialised, so none can appear below it).
        long baseSeal = base.isEmpty() ? 0 : watermark(root, base.get(), "exportDeltaSealSeq", baseFiles(base, deltaTable),
            "advisory_snapshot");
        long toSeal = Math.max(baseSeal, advisorySnapshot);
        WarehouseSnapshotWriter.TableWriter deltas = writer.table(deltaTable);
        cursor.query("SELECT s.seal_seq, d.product_key, d.advisory_id, d.change FROM vuln.export_delta d JOIN vuln.snapshot s"
            + " ON s.snapshot_id = d.snapshot_id WHERE d.tenant_id = 'default' AND s.seal_seq > ? AND s.seal_seq <= ?"
            + " ORDER BY s.seal_seq, d.product_key, d.advisory_id", (ResultSet r) -> {
              add(deltas, r.getLong(1), r.getString(2), r.getString(3), r.getString(4));
            }, baseSeal, toSeal);
        deltas.close();
        tables.put(deltaTable.name(), baseFiles(base, deltaTable).plus(deltas.files()));
        source.put("exportDeltaSealSeq", toSeal);
      }
      for (WarehouseTable t : WarehouseTable.ALL) {
        if (!t.appendOnly()) {
          String entry = job.getString(TABLE + t.name(), null);
          if (entry == null) {
            throw new IllegalStateException("table " + t.name() + " was not written by an earlier step of this run");
          }
          tables.put(t.name(), WarehouseManifest.tableFiles(entry));
        }
      }
      source.put("advisorySnapshot", advisorySnapshot);
      base.ifPresent(m -> source.put("base", m.snapshotDate()));
      WarehouseManifest published = WarehouseSnapshotWriter.publish(root, day, TENANT, tables, source);
      PROGRESS.info("warehouse: append-only tables and manifest of {} in {} s ({} image history rows, {} delta rows new)", day,
          String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9),
          published.tables().get("image_history").rows() - baseFiles(base, historyTable).rows(),
          published.tables().get("export_deltas").rows() - baseFiles(base, deltaTable).rows());
      return RepeatStatus.FINISHED;
    };
  }

  private static WarehouseManifest.TableFiles baseFiles(Optional<WarehouseManifest> base, WarehouseTable table) {
    return base.map(m -> m.tables().get(table.name())).orElse(new WarehouseManifest.TableFiles(table.version(), 0, java.util.List.of()));
  }

  /**
   * How far an append-only table of snapshot {@code base} goes: the position its manifest records,
   * or, for a manifest written before positions were recorded, the largest {@code column} in its
   * files (read back with DuckDB).
   */
  private static long watermark(Path root, WarehouseManifest base, String key, WarehouseManifest.TableFiles files, String column)
      throws Exception {
    if (base.source().get(key) instanceof Number n) {
      return n.longValue();
    }
    if (files.files().isEmpty()) {
      return 0;
    }
    try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement s = duck.createStatement();
        ResultSet r = s.executeQuery("SELECT coalesce(max(" + column + "), 0) FROM read_parquet(" + parquetList(root, files) + ")")) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String parquetList(Path root, WarehouseManifest.TableFiles files) {
    return "[" + String.join(", ", files.files().stream()
        .map(f -> "'" + root.resolve(f.path()).toAbsolutePath().toString().replace("'", "''") + "'").toList()) + "]";
  }

  /** The seqs an earlier snapshot's image_history files hold, read back with DuckDB. */
  private static Set<Long> capturedSeqs(Path root, WarehouseManifest.TableFiles files) throws Exception {
    Set<Long> seqs = new HashSet<>();
    if (files.files().isEmpty()) {
      return seqs;
    }
    try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement s = duck.createStatement();
        ResultSet r = s.executeQuery("SELECT seq FROM read_parquet(" + parquetList(root, files) + ")")) {
      while (r.next()) {
        seqs.add(r.getLong(1));
      }
    }
    return seqs;
  }

  private static WarehouseSnapshotWriter writer(String warehouse, String date, String rowsPerFile) throws IOException {
    return new WarehouseSnapshotWriter(Path.of(warehouse), LocalDate.parse(date), TENANT, Long.parseLong(rowsPerFile));
  }

  private static ExecutionContext jobContext(ChunkContext chunk) {
    return chunk.getStepContext().getStepExecution().getJobExecution().getExecutionContext();
  }

  /**
   * Whether an earlier execution of this run wrote {@code tables} and their files are all still in
   * place. The write steps run again on every resume (allowStartIfComplete) and skip only then, so
   * a run resumed after its files were removed (the folder emptied, a rerun of the date by other
   * arguments) writes them again instead of failing at publish.
   */
  private static boolean intact(ChunkContext chunk, String warehouse, String... tables) throws IOException {
    ExecutionContext job = jobContext(chunk);
    Path root = Path.of(warehouse);
    for (String table : tables) {
      String entry = job.getString(TABLE + table, null);
      if (entry == null) {
        return false;
      }
      for (WarehouseManifest.FileEntry f : WarehouseManifest.tableFiles(entry).files()) {
        Path file = root.resolve(f.path());
        if (!java.nio.file.Files.isRegularFile(file) || java.nio.file.Files.size(file) != f.bytes()) {
          PROGRESS.info("warehouse: {} of an earlier attempt is gone; writing {} again", file, String.join(", ", tables));
          return false;
        }
      }
    }
    PROGRESS.info("warehouse: {} kept from the interrupted attempt", String.join(", ", tables));
    return true;
  }

  /** Keeps the tables {@code writer} wrote in the job's context, where a resumed run finds them. */
  private static void record(ChunkContext chunk, WarehouseSnapshotWriter writer, long started) throws IOException {
    ExecutionContext job = jobContext(chunk);
    for (Map.Entry<String, WarehouseManifest.TableFiles> t : writer.written().entrySet()) {
      job.putString(TABLE + t.getKey(), WarehouseManifest.json(t.getValue()));
      chunk.getStepContext().getStepExecution().setWriteCount(chunk.getStepContext().getStepExecution().getWriteCount()
          + t.getValue().rows());
      PROGRESS.info("warehouse: {} {} rows in {} file(s)", t.getKey(), t.getValue().rows(), t.getValue().files().size());
    }
    PROGRESS.info("warehouse: step {} done in {} s", chunk.getStepContext().getStepName(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
  }

  private static void add(WarehouseSnapshotWriter.Background table, Object... values) {
    try {
      table.add(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(WarehouseSnapshotWriter.TableWriter table, Object... values) {
    try {
      table.add(values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
