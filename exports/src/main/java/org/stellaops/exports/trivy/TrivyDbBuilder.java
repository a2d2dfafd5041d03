package org.stellaops.exports.trivy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.stellaops.exports.bolt.BoltBucket;
import org.stellaops.exports.bolt.BoltWriter;
import org.stellaops.schemas.advisory.Advisory;

/**
 * Collects advisories into the bucket tree of a Trivy DB (schema 2) and writes it as
 * {@code trivy.db}: advisory buckets, the {@code vulnerability} bucket (always present: Trivy
 * reads it without checking) and a {@code data-source} entry for every advisory bucket, so Trivy
 * files our severities under our source (../shared/specs/trivy-db.md §2, §3.3). Counts what went
 * where and what was skipped, by reason.
 */
public final class TrivyDbBuilder {
  static final String VULNERABILITY = "vulnerability";
  static final String DATA_SOURCE = "data-source";

  private final TrivyMapper mapper;
  private final BoltBucket root = new BoltBucket();
  private final BoltBucket vulnerabilities = root.bucket(VULNERABILITY);
  private final SortedMap<String, long[]> entriesPerBucket = new TreeMap<>();
  private final SortedMap<String, TrivyDbSummary.Reason> skipped = new TreeMap<>();
  private long read;
  private long exported;
  private long entries;

  public TrivyDbBuilder(TrivyMapper mapper) {
    this.mapper = mapper;
  }

  /** Adds one advisory: its entries and detail, or the reasons it has none. */
  public void add(Advisory advisory) {
    read++;
    TrivyMapper.Mapped mapped = mapper.map(advisory);
    for (TrivyMapper.Skip skip : mapped.skips()) {
      String example = advisory.id() + (skip.ecosystem().isEmpty() ? "" : " " + skip.ecosystem() + "/" + skip.packageName())
          + (skip.detail().isEmpty() ? "" : ": " + skip.detail());
      skipped.merge(skip.reason(), new TrivyDbSummary.Reason(1, example, skip.widened()),
          (a, b) -> new TrivyDbSummary.Reason(a.count() + 1, a.example(), a.widened()));
    }
    if (mapped.entries().isEmpty()) {
      return;
    }
    exported++;
    for (TrivyMapper.Entry entry : mapped.entries()) {
      root.bucket(entry.bucket()).bucket(entry.packageName()).put(mapped.vulnerabilityId(), entry.json());
      entriesPerBucket.computeIfAbsent(entry.bucket(), b -> new long[1])[0]++;
      entries++;
    }
    vulnerabilities.put(mapped.vulnerabilityId(), mapped.detail().orElseThrow());
  }

  /** Writes {@code trivy.db} to {@code file} (atomically) and returns what it holds. */
  public TrivyDbSummary write(Path file) throws IOException {
    BoltBucket sources = root.bucket(DATA_SOURCE);
    byte[] source = dataSource();
    for (String bucket : entriesPerBucket.keySet()) {
      sources.put(bucket, source);
    }
    BoltWriter.Written written = BoltWriter.write(root, file);
    return summary(written.bytes());
  }

  /** What has been added so far; {@code dbBytes} is 0 before {@link #write}. */
  public TrivyDbSummary summary(long dbBytes) {
    SortedMap<String, TrivyDbSummary.BucketCount> buckets = new TreeMap<>();
    for (Map.Entry<String, long[]> e : entriesPerBucket.entrySet()) {
      buckets.put(e.getKey(), new TrivyDbSummary.BucketCount(root.bucket(e.getKey()).size(), e.getValue()[0]));
    }
    return new TrivyDbSummary(read, exported, entries, buckets, skipped, dbBytes);
  }

  private byte[] dataSource() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("ID", TrivyMapper.SOURCE_ID);
      g.writeStringField("Name", mapper.sourceName());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
