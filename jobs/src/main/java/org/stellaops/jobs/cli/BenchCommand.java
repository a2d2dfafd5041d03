package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.CorpusSummary;
import org.stellaops.connectors.bench.ProgressListener;
import org.stellaops.engine.match.AdvisoryIndex;
import org.stellaops.engine.match.AdvisoryMatcher;
import org.stellaops.engine.match.ComponentRef;
import org.stellaops.engine.policy.DefaultPolicy;
import org.stellaops.engine.verdict.VerdictEvaluator;
import org.stellaops.jobs.runtime.DatabaseSettings;
import org.stellaops.jobs.runtime.StellaContext;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.SbomStore;
import org.stellaops.connectors.store.SnapshotStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stella bench corpus|run}: synthetic corpora and the benchmark harness. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Synthetic corpora and benchmarks.",
    subcommands = {BenchCommand.Corpus.class, BenchCommand.Run.class, BenchCommand.Engine.class, BenchCommand.Fleet.class,
        BenchCommand.Selection.class, BenchCommand.TrivyDb.class, BenchCommand.Mirror.class, WarehouseBench.class})
final class BenchCommand {

  /** The size of a corpus. */
  static final class Size {
    @Option(names = "--images", defaultValue = "1000", description = "Images (default: ${DEFAULT-VALUE}).") int images;
    @Option(names = "--components-per-image", defaultValue = "300", description = "Components per image (default: ${DEFAULT-VALUE}).")
    int componentsPerImage;
    @Option(names = "--advisories", defaultValue = "50000", description = "Advisories (default: ${DEFAULT-VALUE}).") int advisories;
    @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
    long seed;

    CorpusSpec spec() {
      return new CorpusSpec(images, componentsPerImage, advisories, seed);
    }
  }

  @Command(name = "corpus", mixinStandardHelpOptions = true,
      description = "Write a synthetic corpus: OSV advisories as one .zip per ecosystem, CycloneDX 1.6 SBOMs.")
  static final class Corpus implements Callable<Integer> {
    @Mixin Size size;
    @Spec CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.") Path out;

    @Override
    public Integer call() throws Exception {
      CorpusSummary summary = new CorpusGenerator().generate(size.spec(), out, ProgressListener.none());
      spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d advisories in %d archives and %d SBOMs (%d components, "
          + "%.1f %% inside an advisory range) to %s%n", summary.advisoryRecords(), summary.advisoryArchives().size(),
          summary.sbomFiles(), summary.components(), 100 * summary.affectedComponentShare(), out);
      return ExitCodes.OK;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Generate a corpus, ingest it into a fresh embedded PostgreSQL, re-evaluate, and print timings.",
          "Prints Markdown rows for docs/benchmarks.md."})
  static final class Run implements Callable<Integer> {
    @Mixin Size size;
    @Spec CommandSpec spec;
    @Option(names = "--repeat", defaultValue = "5", description = "Repetitions of the in-memory evaluation (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
      Path work = Files.createTempDirectory("stella-bench");
      PrintWriter out = spec.commandLine().getOut();
      CorpusSpec corpus = size.spec();
      long t0 = System.nanoTime();
      CorpusSummary summary = new CorpusGenerator().generate(corpus, work.resolve("corpus"), ProgressListener.none());
      double generate = seconds(t0);
      try (StellaContext context = freshEmbedded(work)) {
        long t1 = System.nanoTime();
        IngestCommand.run(spec, context, "ingestAdvisoriesJob", List.of(summary.advisoryDirectory()), Map.of(), "advisories");
        double advisories = seconds(t1);
        long t2 = System.nanoTime();
        IngestCommand.run(spec, context, "ingestSbomsJob", List.of(summary.sbomDirectory()), Map.of(), "sboms");
        double sboms = seconds(t2);
        long t3 = System.nanoTime();
        ReevaluateCommand.run(spec, context, List.of(), null).exitCode();
        double reevaluate = seconds(t3);
        double[] engine = engineOnly(context, repeat);
        out.println();
        out.printf(Locale.ROOT, "corpus: %d images x %d components, %d advisories, seed %d (generated in %.1f s)%n",
            corpus.images(), corpus.componentsPerImage(), corpus.advisories(), corpus.seed(), generate);
        out.printf(Locale.ROOT, "| ingest advisories (job, end to end) | %.1f s | %.0f advisories/s |%n", advisories, corpus.advisories() / advisories);
        out.printf(Locale.ROOT, "| ingest SBOMs (job, end to end) | %.1f s | %.0f components/s |%n", sboms, corpus.components() / sboms);
        out.printf(Locale.ROOT, "| reevaluate --all (job: load snapshot, match, write verdicts) | %.1f s | %.1f ms/image |%n",
            reevaluate, 1000 * reevaluate / corpus.images());
        out.printf(Locale.ROOT, "| engine only: evaluate all images in memory, median of %d | %.2f s | %.2f ms/image; baseline (purl lookup only, %.0f candidate entries) %.2f s, ratio %.1fx |%n",
            repeat, engine[0], 1000 * engine[0] / corpus.images(), engine[2], engine[1], engine[0] / Math.max(engine[1], 1e-9));
      } finally {
        TempTrees.delete(work);
      }
      return ExitCodes.OK;
    }

    /**
     * Median seconds to evaluate every image in memory, and to only look components up (the
     * baseline); third, how many advisory entries the lookups found (printed, so the baseline
     * loop's work is used).
     */
    private static double[] engineOnly(StellaContext context, int repeat) {
      SbomStore sboms = context.bean(SbomStore.class);
      long snapshot = context.bean(SnapshotStore.class).latestSealed();
      AdvisoryIndex index = AdvisoryIndex.of(context.bean(AdvisoryStore.class).asOf(snapshot));
      List<List<ComponentRef>> images = new ArrayList<>();
      List<SbomStore.ImageSbom> list = sboms.images(List.of());
      list.forEach(i -> images.add(sboms.componentRefs(i.sbomSha256())));
      VerdictEvaluator evaluator = new VerdictEvaluator(new AdvisoryMatcher(index), new DefaultPolicy(), snapshot);
      long candidates = 0;
      double[] full = new double[repeat];
      double[] baseline = new double[repeat];
      for (int r = 0; r < repeat; r++) {
        long b = System.nanoTime();
        long hits = 0;
        for (List<ComponentRef> components : images) {
          for (ComponentRef c : components) {
            hits += c.purl().flatMap(org.stellaops.engine.ecosystem.Ecosystems::fromPurl)
                .map(k -> index.lookup(k.ecosystem(), k.name()).size()).orElse(0);
          }
        }
        baseline[r] = seconds(b);
        candidates = hits;
        long t = System.nanoTime();
        for (int i = 0; i < images.size(); i++) {
          evaluator.evaluate(list.get(i).imageDigest(), "sha256:" + list.get(i).sbomSha256(), images.get(i));
        }
        full[r] = seconds(t);
      }
      return new double[] {median(full), median(baseline), candidates};
    }
  }

  @Command(name = "engine", mixinStandardHelpOptions = true,
      description = {"Engine only, no database: generate a corpus, load its advisories into the in-memory index "
          + "(heap per advisory), then time the evaluation of each image (match, policy, verdict JSON, digest).",
          "Compares the interval path with evaluating every candidate entry, in the same process."})
  static final class Engine implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "20", description = "Images (default: ${DEFAULT-VALUE}).") int images;
    @Option(names = "--components-per-image", defaultValue = "5000", description = "Components per image (default: ${DEFAULT-VALUE}).")
    int componentsPerImage;
    @Option(names = "--advisories", defaultValue = "200000", description = "Advisories (default: ${DEFAULT-VALUE}).") int advisories;
    @Option(names = "--seed", defaultValue = "11", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--repeat", defaultValue = "5", description = "Passes over the images (default: ${DEFAULT-VALUE}).") int repeat;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path work = Files.createTempDirectory("stella-bench-engine");
      try {
        CorpusSpec corpus = new CorpusSpec(images, componentsPerImage, advisories, seed);
        CorpusSummary summary = new CorpusGenerator().generate(corpus, work, ProgressListener.none());
        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        AdvisoryIndex.Builder builder = AdvisoryIndex.builder();
        org.stellaops.connectors.osv.OsvAdvisoryParser parser = new org.stellaops.connectors.osv.OsvAdvisoryParser();
        for (Path archive : summary.advisoryArchives()) {
          try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
              try (java.io.InputStream in = zip.getInputStream(entry)) {
                builder.add(parser.parse(entry.getName(), in.readAllBytes()));
              }
            }
          }
        }
        AdvisoryIndex index = builder.build();
        double load = seconds(t0);
        long heapAfter = usedHeapAfterGc();
        List<List<ComponentRef>> refs = readImages(summary.sbomDirectory());
        VerdictEvaluator intervals = new VerdictEvaluator(new AdvisoryMatcher(index), new DefaultPolicy(), 1);
        VerdictEvaluator everyEntry = new VerdictEvaluator(AdvisoryMatcher.withoutIntervals(index), new DefaultPolicy(), 1);
        double[] fast = perImage(intervals, refs, repeat);
        double[] reference = perImage(everyEntry, refs, Math.min(repeat, 2));
        int components = refs.stream().mapToInt(List::size).sum() / refs.size();
        double[] findings = refs.stream().mapToDouble(r -> intervals.evaluate("sha256:" + "0".repeat(64), "sha256:" + "1".repeat(64), r)
            .verdict().findings().size()).toArray();
        out.printf(Locale.ROOT, "corpus: %d images x %d components, %d advisories, seed %d%n",
            images, componentsPerImage, advisories, seed);
        out.printf(Locale.ROOT, "| load %d advisories into the index (parse OSV JSON + index) | %.1f s | heap %.1f MiB, %.0f bytes per advisory (max heap %.0f MiB) |%n",
            index.advisoryCount(), load, (heapAfter - heapBefore) / 1048576.0, (double) (heapAfter - heapBefore) / index.advisoryCount(),
            Runtime.getRuntime().maxMemory() / 1048576.0);
        AdvisoryMatcher matchOnly = new AdvisoryMatcher(index);
        double[] matching = new double[refs.size() * Math.max(1, repeat - 1)];
        for (int p = 0, n = 0; p < Math.max(1, repeat - 1); p++) {
          for (List<ComponentRef> image : refs) {
            long t = System.nanoTime();
            java.util.Optional<ComponentRef> os = image.stream().filter(c -> c.type().equals("operating-system")).findFirst();
            int found = 0;
            for (ComponentRef c : image) {
              found += matchOnly.assess(c, os).findings().size();
            }
            matching[n++] = (System.nanoTime() - t) / 1e6;
            if (found < 0) {
              throw new IllegalStateException();
            }
          }
        }
        double[] cold = Arrays.copyOfRange(fast, 0, refs.size());
        double[] warm = Arrays.copyOfRange(fast, refs.size(), fast.length);
        out.printf(Locale.ROOT, "| one %d-component image, engine only, interval path: first pass over the images (slots and caches filled) | %.2f ms median | p90 %.2f ms |%n",
            components, median(cold), percentile(cold, 0.9));
        out.printf(Locale.ROOT, "| of which matching alone (assess every component, later passes) | %.2f ms median | |%n", median(matching));
        out.printf(Locale.ROOT, "| findings per image | %.0f median | %.0f max |%n", median(findings), percentile(findings, 1.0));
        if (warm.length > 0) {
          out.printf(Locale.ROOT, "| the same, later passes (median over %d evaluations) | %.2f ms median | p90 %.2f ms |%n",
              warm.length, median(warm), percentile(warm, 0.9));
        }
        out.printf(Locale.ROOT, "| the same, every candidate entry evaluated (median over %d) | %.2f ms | ratio %.1fx |%n",
            reference.length, median(reference), median(reference) / Math.max(median(fast), 1e-9));
        java.lang.ref.Reference.reachabilityFence(index);
      } finally {
        TempTrees.delete(work);
      }
      return ExitCodes.OK;
    }

    private static List<List<ComponentRef>> readImages(Path sbomDirectory) throws Exception {
      org.stellaops.connectors.sbom.SbomReader reader = new org.stellaops.connectors.sbom.SbomReader();
      List<Path> files;
      try (var stream = Files.list(sbomDirectory)) {
        files = stream.sorted().toList();
      }
      List<List<ComponentRef>> images = new ArrayList<>();
      for (Path file : files) {
        org.stellaops.schemas.sbom.Sbom sbom = reader.read(file.toString(), Files.readAllBytes(file));
        images.add(sbom.components().stream().map(c -> new ComponentRef(c.purl(), c.name().isBlank() ? "unnamed" : c.name(),
            c.type(), c.version(), c.layer(), c.sourcePackage())).toList());
      }
      return images;
    }

    /** Milliseconds per image evaluation, every image {@code passes} times. */
    private static double[] perImage(VerdictEvaluator evaluator, List<List<ComponentRef>> images, int passes) {
      double[] ms = new double[images.size() * passes];
      int n = 0;
      for (int p = 0; p < passes; p++) {
        for (int i = 0; i < images.size(); i++) {
          long t = System.nanoTime();
          evaluator.evaluate("sha256:" + "0".repeat(63) + (i % 10), "sha256:" + "1".repeat(64), images.get(i));
          ms[n++] = (System.nanoTime() - t) / 1e6;
        }
      }
      return ms;
    }

    private static long usedHeapAfterGc() {
      java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      return memory.getHeapMemoryUsage().getUsed();
    }
  }

  @Command(name = "trivy-db", mixinStandardHelpOptions = true,
      description = {"Trivy DB export without a database: generate N advisories, then per repetition read them from the",
          "corpus archives (OSV parse) and export them (map, trivy.db, metadata.json, db.tar.gz, digests). The baseline,",
          "in the same process, is the read alone; peak heap is the JVM's heap high-water mark during the export."})
  static final class TrivyDb implements Callable<Integer> {
    @Option(names = "--advisories", defaultValue = "1000000", description = "Advisories (default: ${DEFAULT-VALUE}).") int advisories;
    @Option(names = "--seed", defaultValue = "9", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--repeat", defaultValue = "3", description = "Timed exports (default: ${DEFAULT-VALUE}).") int repeat;
    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the corpus and the export here instead of a temporary directory.")
    Path keep;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("stella-bench-trivy");
      try {
        long t0 = System.nanoTime();
        CorpusSummary summary = new CorpusGenerator().generate(new CorpusSpec(1, 1, advisories, seed), work.resolve("corpus"),
            ProgressListener.none());
        out.printf(Locale.ROOT, "corpus: %d advisories, seed %d, generated in %.1f s%n", advisories, seed, seconds(t0));
        out.flush();
        double[] read = new double[repeat];
        double[] export = new double[repeat];
        long peak = 0;
        org.stellaops.exports.trivy.TrivyDbExport.Result result = null;
        for (int i = 0; i < repeat; i++) {
          long r = System.nanoTime();
          long[] count = {0};
          readCorpus(summary, a -> count[0]++);
          read[i] = seconds(r);
          System.gc();
          resetPeaks();
          long e = System.nanoTime();
          result = org.stellaops.exports.trivy.TrivyDbExport.run(new org.stellaops.exports.trivy.TrivyDbExport.Options(
              work.resolve("export"), "Stella Ops", java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.Duration.ofHours(24),
              java.util.Optional.empty(), "2"), sink -> readCorpus(summary, sink));
          export[i] = seconds(e);
          peak = Math.max(peak, peakHeap());
          out.printf(Locale.ROOT, "repetition %d: read %.1f s, read + export %.1f s%n", i + 1, read[i], export[i]);
          out.flush();
        }
        org.stellaops.exports.trivy.TrivyDbSummary s = result.summary();
        out.printf(Locale.ROOT, "| %,d advisories -> Trivy DB (read + map + trivy.db + db.tar.gz + digests) | %.1f s median of %d |"
            + " %,.0f advisories/s |%n", advisories, median(export), repeat, advisories / median(export));
        out.printf(Locale.ROOT, "| baseline: reading the same corpus alone (OSV parse) | %.1f s median | export / read %.2f |%n",
            median(read), median(export) / median(read));
        out.printf(Locale.ROOT, "| peak heap during the export | %.0f MiB | max heap %.0f MiB |%n", peak / 1048576.0,
            Runtime.getRuntime().maxMemory() / 1048576.0);
        out.printf(Locale.ROOT, "| output | trivy.db %,d bytes, db.tar.gz %,d bytes | %,d entries in %d buckets, %,d advisories exported |%n",
            result.files().get("trivy.db").bytes(), result.files().get("db.tar.gz").bytes(), s.entries(), s.buckets().size(),
            s.advisoriesExported());
      } finally {
        if (keep == null) {
          TempTrees.delete(work);
        }
      }
      return ExitCodes.OK;
    }

    static void readCorpus(CorpusSummary summary, java.util.function.Consumer<org.stellaops.schemas.advisory.Advisory> sink) {
      org.stellaops.connectors.osv.OsvAdvisoryParser parser = new org.stellaops.connectors.osv.OsvAdvisoryParser();
      try {
        for (Path archive : summary.advisoryArchives()) {
          try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(archive.toFile())) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
              try (java.io.InputStream in = zip.getInputStream(entry)) {
                sink.accept(parser.parse(entry.getName(), in.readAllBytes()));
              }
            }
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("reading the corpus: " + e.getMessage(), e);
      }
    }

    private static void resetPeaks() {
      for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == java.lang.management.MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the heap's high-water mark. */
    private static long peakHeap() {
      long sum = 0;
      for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == java.lang.management.MemoryType.HEAP) {
          sum += pool.getPeakUsage().getUsed();
        }
      }
      return sum;
    }
  }

  @Command(name = "selection", mixinStandardHelpOptions = true,
      description = {"Impact selection on the database as it is (the CLI's own database, or --db-url): the changed product",
          "keys of snapshot N's export deltas, then the images holding them, timed --repeat times in one process",
          "(the first passes warm the JVM). Reads only."})
  static final class Selection implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--delta", paramLabel = "N", required = true, description = "Snapshot number whose deltas are selected for.")
    long delta;
    @Option(names = "--repeat", defaultValue = "25", description = "Timed selections (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
      if (repeat < 1) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        SelectionTimes timed = SelectionTimes.measure(context, delta, repeat);
        double[] total = timed.totalMs();
        double[] warm = repeat > 5 ? Arrays.copyOfRange(total, 5, repeat) : total;
        double[] warmKeys = repeat > 5 ? Arrays.copyOfRange(timed.keysMs(), 5, repeat) : timed.keysMs();
        spec.commandLine().getOut().printf(Locale.ROOT,
            "| impact selection for snapshot %d (%d changed keys -> %d images), median of %d after 5 warm-up | %.1f ms |"
                + " of which reading the changed keys %.1f ms; first %.1f ms |%n",
            delta, timed.keys(), timed.images(), warm.length, median(warm), median(warmKeys), total[0]);
      }
      return ExitCodes.OK;
    }
  }

  /**
   * Impact selection for snapshot {@code snapshot} timed {@code repeat} times: milliseconds for the
   * whole selection and for reading the changed keys alone, with how many keys and images it found.
   */
  record SelectionTimes(double[] totalMs, double[] keysMs, int keys, int images) {
    static SelectionTimes measure(StellaContext context, long snapshot, int repeat) {
      AdvisoryStore advisories = context.bean(AdvisoryStore.class);
      org.stellaops.connectors.store.FleetIndexStore index = context.bean(org.stellaops.connectors.store.FleetIndexStore.class);
      double[] total = new double[repeat];
      double[] keysOnly = new double[repeat];
      int keys = 0;
      int images = 0;
      for (int i = 0; i < repeat; i++) {
        long t = System.nanoTime();
        List<String> changed = advisories.changedProductKeys(snapshot - 1, snapshot);
        keysOnly[i] = seconds(t) * 1000;
        images = index.selectImages(changed).size();
        total[i] = seconds(t) * 1000;
        keys = changed.size();
      }
      return new SelectionTimes(total, keysOnly, keys, images);
    }
  }

  @Command(name = "fleet", mixinStandardHelpOptions = true,
      description = {"The delta-driven path at fleet scale, on a fresh embedded PostgreSQL: ingest a corpus, re-evaluate",
          "everything, time a plain PostgreSQL hash join of components x affected packages, then revise the advisories",
          "of a share of the product keys (--delta-share), and time impact selection and impacted-only re-evaluation.",
          "Prints Markdown rows for docs/benchmarks.md."})
  static final class Fleet implements Callable<Integer> {
    @Mixin Size size;
    @Spec CommandSpec spec;
    @Option(names = "--delta-share", defaultValue = "0.01", description = "Share of product keys the delta touches (default: ${DEFAULT-VALUE}).")
    double deltaShare;
    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the corpus and database here instead of a temporary directory.")
    Path keep;

    @Override
    public Integer call() throws Exception {
      Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("stella-bench-fleet");
      PrintWriter out = spec.commandLine().getOut();
      CorpusSpec corpus = size.spec();
      try {
        long t0 = System.nanoTime();
        CorpusSummary summary = new CorpusGenerator().generate(corpus, work.resolve("corpus"), ProgressListener.none());
        double generate = seconds(t0);
        Path objects = work.resolve("objects");
        try (StellaContext context = freshEmbedded(work)) {
          org.springframework.jdbc.core.JdbcTemplate jdbc = context.bean(org.springframework.jdbc.core.JdbcTemplate.class);
          long t1 = System.nanoTime();
          IngestCommand.run(spec, context, "ingestAdvisoriesJob", List.of(summary.advisoryDirectory()), Map.of(), "advisories");
          double advisories = seconds(t1);
          long t2 = System.nanoTime();
          IngestCommand.run(spec, context, "ingestSbomsJob", List.of(summary.sbomDirectory()), Map.of(), "sboms");
          double sboms = seconds(t2);
          long sidecarBytes = treeBytes(objects);
          long indexBytes = jdbc.queryForObject("SELECT coalesce(sum(octet_length(images)), 0) FROM sbom.fleet_index", Long.class)
              + jdbc.queryForObject("SELECT coalesce(sum(octet_length(images)), 0) FROM sbom.fleet_index_version", Long.class);
          long t3 = System.nanoTime();
          ReevaluateCommand.run(spec, context, List.of(), null);
          double full = seconds(t3);
          double[] join = new double[3];
          long pairs = 0;
          for (int i = 0; i < join.length; i++) {
            long t = System.nanoTime();
            pairs = jdbc.queryForObject("SELECT count(*) FROM sbom.image i JOIN sbom.sbom_product p ON p.tenant_id = i.tenant_id"
                + " AND p.sbom_sha256 = i.sbom_sha256 JOIN vuln.affected_package a ON a.tenant_id = p.tenant_id"
                + " AND a.product_key = p.product_key", Long.class);
            join[i] = seconds(t);
          }
          long keys = jdbc.queryForObject("SELECT count(DISTINCT product_key) FROM vuln.affected_package", Long.class);
          int deltaKeys = (int) Math.max(1, Math.round(keys * deltaShare));
          List<String> chosen = jdbc.queryForList("SELECT product_key FROM (SELECT DISTINCT product_key FROM vuln.affected_package) k"
              + " ORDER BY md5(product_key || ?) LIMIT ?", String.class, Long.toString(corpus.seed()), deltaKeys);
          java.util.Set<String> ids = new java.util.HashSet<>(jdbc.queryForList("SELECT DISTINCT advisory_id FROM vuln.affected_package"
              + " WHERE product_key = ANY(?::text[])", String.class, (Object) chosen.toArray(String[]::new)));
          Path delta = work.resolve("delta");
          // Only advisories all of whose product keys are chosen, so the delta touches the chosen share and no more.
          ids.removeAll(jdbc.queryForList("SELECT DISTINCT advisory_id FROM vuln.affected_package WHERE advisory_id = ANY(?::text[])"
              + " AND NOT (product_key = ANY(?::text[]))", String.class, (Object) ids.toArray(String[]::new),
              (Object) chosen.toArray(String[]::new)));
          int revised = reviseAdvisories(summary.advisoryArchives(), ids, delta.resolve("revised.zip"));
          IngestCommand.run(spec, context, "ingestAdvisoriesJob", List.of(delta), Map.of(), "advisories");
          long snapshot = context.bean(SnapshotStore.class).latestSealed();
          List<String> changed = context.bean(AdvisoryStore.class).changedProductKeys(snapshot - 1, snapshot);
          SelectionTimes timed = SelectionTimes.measure(context, snapshot, 5);
          double[] selection = timed.totalMs();
          int impacted = timed.images();
          long t4 = System.nanoTime();
          ReevaluateCommand.runImpacted(spec, context, snapshot - 1, snapshot, false);
          double impactedRun = seconds(t4);
          out.println();
          out.printf(Locale.ROOT, "corpus: %d images x %d components, %d advisories, seed %d (generated in %.1f s); %d cores%n",
              corpus.images(), corpus.componentsPerImage(), corpus.advisories(), corpus.seed(), generate,
              Runtime.getRuntime().availableProcessors());
          out.printf(Locale.ROOT, "| ingest advisories (job) | %.1f s | %.0f advisories/s |%n", advisories, corpus.advisories() / advisories);
          out.printf(Locale.ROOT, "| ingest SBOMs incl. BOM-Index sidecars and fleet index (job) | %.1f s | %.0f components/s |%n",
              sboms, corpus.components() / sboms);
          out.printf(Locale.ROOT, "| BOM-Index sidecars | %.1f MiB | %.0f bytes per image |%n", sidecarBytes / 1048576.0,
              (double) sidecarBytes / corpus.images());
          out.printf(Locale.ROOT, "| fleet index bitmaps (sbom.fleet_index + fleet_index_version) | %.1f MiB | %.0f bytes per image |%n",
              indexBytes / 1048576.0, (double) indexBytes / corpus.images());
          out.printf(Locale.ROOT, "| full re-evaluation, reevaluate --all (job, every image evaluated and stored) | %.1f s | %.1f ms/image |%n",
              full, 1000 * full / corpus.images());
          out.printf(Locale.ROOT, "| PostgreSQL hash join, images x product keys x affected packages (count of %d candidate pairs), median of 3 | %.1f s | full re-evaluation / join = %.2f |%n",
              pairs, median(join), full / median(join));
          out.printf(Locale.ROOT, "| delta: %d advisories revised (%d of %d product keys chosen, %.1f %%), %d product keys changed | | |%n",
              revised, deltaKeys, keys, 100.0 * deltaKeys / keys, changed.size());
          out.printf(Locale.ROOT, "| impact selection (changed keys -> images), median of 5 | %.1f ms | %d images (%.1f %% of the fleet) |%n",
              median(selection), impacted, 100.0 * impacted / corpus.images());
          out.printf(Locale.ROOT, "| delta -> verdicts stored for every impacted image (reevaluate --impacted-by, job) | %.1f s | ratio to full %.3f |%n",
              impactedRun, impactedRun / full);
        }
      } finally {
        if (keep == null) {
          TempTrees.delete(work);
        }
      }
      return ExitCodes.OK;
    }

    private static long treeBytes(Path root) throws java.io.IOException {
      if (!Files.exists(root)) {
        return 0;
      }
      try (var files = Files.walk(root)) {
        return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
      }
    }

    /** Copies the records of {@code ids} with one more alias (a change every evaluation digest sees) into {@code zip}. */
    static int reviseAdvisories(List<Path> archives, java.util.Set<String> ids, Path zip) throws Exception {
      Files.createDirectories(zip.getParent());
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      int revised = 0;
      try (java.util.zip.ZipOutputStream outZip = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
        for (Path archive : archives) {
          try (java.util.zip.ZipFile in = new java.util.zip.ZipFile(archive.toFile())) {
            for (java.util.zip.ZipEntry entry : java.util.Collections.list(in.entries())) {
              com.fasterxml.jackson.databind.node.ObjectNode record;
              try (java.io.InputStream stream = in.getInputStream(entry)) {
                record = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(stream);
              }
              if (!ids.contains(record.path("id").asText())) {
                continue;
              }
              com.fasterxml.jackson.databind.node.ArrayNode aliases = record.has("aliases")
                  ? (com.fasterxml.jackson.databind.node.ArrayNode) record.get("aliases") : record.putArray("aliases");
              aliases.add("BENCH-" + record.path("id").asText());
              outZip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
              outZip.write(json.writeValueAsBytes(record));
              outZip.closeEntry();
              revised++;
            }
          }
        }
      }
      return revised;
    }
  }

  @Command(name = "mirror", mixinStandardHelpOptions = true,
      description = {"Export Center throughput. Without a database: the JSONL+zstd writer (canonical lines -> sharded .jsonl.zst",
          "with SHA-256 digests, one thread) against the zstd command line (level 3, one thread) on the same bytes. With a fresh",
          "embedded PostgreSQL: ingest N advisories, mirror:full, revise a share of them (--change-share), then time",
          "mirror:delta against mirror:full of the new snapshot (the baseline), and the far side's imports.",
          "Prints Markdown rows for docs/benchmarks.md."})
  static final class Mirror implements Callable<Integer> {
    @Option(names = "--advisories", defaultValue = "1000000", description = "Advisories (default: ${DEFAULT-VALUE}).") int advisories;
    @Option(names = "--change-share", defaultValue = "0.05", description = "Share of advisories revised (default: ${DEFAULT-VALUE}).")
    double changeShare;
    @Option(names = "--seed", defaultValue = "9", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--repeat", defaultValue = "3", description = "Timed repetitions (default: ${DEFAULT-VALUE}).") int repeat;
    @Option(names = "--keep", paramLabel = "DIR", description = "Keep the corpus, databases and bundles here instead of a temporary directory.")
    Path keep;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Path work = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("stella-bench-mirror");
      try {
        long t0 = System.nanoTime();
        CorpusSummary summary = new CorpusGenerator().generate(new CorpusSpec(1, 1, advisories, seed), work.resolve("corpus"),
            ProgressListener.none());
        out.printf(Locale.ROOT, "corpus: %d advisories, seed %d, generated in %.1f s; %d cores%n", advisories, seed, seconds(t0),
            Runtime.getRuntime().availableProcessors());
        out.flush();
        writerAgainstZstdCli(summary, work, out);

        org.stellaops.exports.bundle.ExportKeys.generate(org.stellaops.exports.bundle.ExportKeys.Algorithm.ED25519, work.resolve("keys"), "bench");
        org.stellaops.exports.bundle.ExportSigner signer = org.stellaops.exports.bundle.ExportKeys.signer(work.resolve("keys/bench.key"));
        Map<String, Object> filters = Map.of("include", List.of("advisories"));
        try (StellaContext context = freshEmbedded(work)) {
          long t1 = System.nanoTime();
          IngestCommand.run(spec, context, "ingestAdvisoriesJob", List.of(summary.advisoryDirectory()), Map.of(), "advisories");
          out.printf(Locale.ROOT, "ingest of %,d advisories: %.1f s%n", advisories, seconds(t1));
          out.flush();
          AdvisoryStore store = context.bean(AdvisoryStore.class);
          org.springframework.jdbc.core.JdbcTemplate jdbc = context.bean(org.springframework.jdbc.core.JdbcTemplate.class);
          long first = context.bean(SnapshotStore.class).latestSealed();
          long t2 = System.nanoTime();
          org.stellaops.exports.mirror.MirrorBundle.Result full1 = ExportBundleCommands.mirrorFull(store, first,
              org.stellaops.exports.bundle.ExportFilter.ALL, work.resolve("full-1"),
              new org.stellaops.exports.bundle.JsonBundle.Description("mirror:full", first, "2026-01-01T00:00:00Z", filters), signer, 100_000,
              List.of(), err, () -> { });
          double full1Seconds = seconds(t2);
          out.printf(Locale.ROOT, "mirror:full of snapshot %d: %.1f s, %,d advisories%n", first, full1Seconds, full1.records());
          out.flush();

          int wanted = (int) Math.round(advisories * changeShare);
          java.util.Set<String> ids = new java.util.HashSet<>(jdbc.queryForList("SELECT advisory_id FROM vuln.advisory_revision"
              + " ORDER BY md5(advisory_id || ?) LIMIT ?", String.class, Long.toString(seed), wanted));
          int revised = Fleet.reviseAdvisories(summary.advisoryArchives(), ids, work.resolve("delta/revised.zip"));
          IngestCommand.run(spec, context, "ingestAdvisoriesJob", List.of(work.resolve("delta")), Map.of(), "advisories");
          long second = context.bean(SnapshotStore.class).latestSealed();
          org.stellaops.exports.mirror.MirrorManifest base = org.stellaops.exports.mirror.MirrorManifest.read(work.resolve("full-1"));

          double[] delta = new double[repeat];
          double[] full = new double[repeat];
          org.stellaops.exports.mirror.MirrorBundle.Result deltaResult = null;
          org.stellaops.exports.mirror.MirrorBundle.Result fullResult = null;
          for (int i = 0; i < repeat; i++) {
            long d = System.nanoTime();
            deltaResult = ExportBundleCommands.mirrorDelta(store, second, org.stellaops.exports.bundle.ExportFilter.ALL, base,
                org.stellaops.exports.bundle.JsonlShards.Opener.PLAIN,
                work.resolve("delta-2"),
                new org.stellaops.exports.bundle.JsonBundle.Description("mirror:delta", second, "2026-01-02T00:00:00Z", filters), signer,
                100_000, List.of(), err);
            delta[i] = seconds(d);
            long f = System.nanoTime();
            fullResult = ExportBundleCommands.mirrorFull(store, second,
                org.stellaops.exports.bundle.ExportFilter.ALL, work.resolve("full-2"),
                new org.stellaops.exports.bundle.JsonBundle.Description("mirror:full", second, "2026-01-02T00:00:00Z", filters), signer,
                100_000, List.of(), err, () -> { });
            full[i] = seconds(f);
            out.printf(Locale.ROOT, "repetition %d: mirror:delta %.2f s, mirror:full %.1f s%n", i + 1, delta[i], full[i]);
            out.flush();
          }
          boolean same = deltaResult.stateSha256().equals(fullResult.stateSha256());
          out.printf(Locale.ROOT, "| mirror:delta, %,d of %,d advisories revised (%.1f %%): %,d changed, %,d added, %,d removed | **%.2f s** median of %d"
              + " | mirror:full of the same snapshot %.1f s median; delta / full %.3f |%n", revised, advisories, 100.0 * revised / advisories,
              deltaResult.changed(), deltaResult.added(), deltaResult.removed(), median(delta), repeat, median(full), median(delta) / median(full));
          out.printf(Locale.ROOT, "| delta state digest equals the new full's | %s | %s |%n", same ? "yes" : "NO", deltaResult.stateSha256());
          out.printf(Locale.ROOT, "| bundle sizes | full %,d bytes | delta %,d bytes |%n", bytes(fullResult), bytes(deltaResult));
          out.flush();

          try (StellaContext far = freshEmbedded(work.resolve("far"))) {
            org.stellaops.connectors.store.MirrorStore mirror = far.bean(org.stellaops.connectors.store.MirrorStore.class);
            java.util.Optional<java.security.PublicKey> key = java.util.Optional.of(signer.publicKey());
            long i1 = System.nanoTime();
            org.stellaops.jobs.mirror.MirrorImporter.apply(work.resolve("full-1"), key, mirror, false, n -> { });
            double importFull = seconds(i1);
            long i2 = System.nanoTime();
            org.stellaops.jobs.mirror.MirrorImporter.apply(work.resolve("delta-2"), key, mirror, false, n -> { });
            double importDelta = seconds(i2);
            out.printf(Locale.ROOT, "| far side: mirror import of the full bundle (verify, load, state check) | %.1f s | %,.0f advisories/s |%n",
                importFull, advisories / importFull);
            out.printf(Locale.ROOT, "| far side: mirror import of the delta | %.1f s | state %s |%n", importDelta,
                mirror.head().orElseThrow().stateSha256().equals(fullResult.stateSha256()) ? "equals the new full's" : "DIFFERS");
          }
        }
      } finally {
        if (keep == null) {
          TempTrees.delete(work);
        }
      }
      return ExitCodes.OK;
    }

    private static long bytes(org.stellaops.exports.mirror.MirrorBundle.Result result) {
      return result.written().files().stream().mapToLong(org.stellaops.exports.bundle.BundleFile::bytes).sum();
    }

    /** Canonical lines of the corpus in memory, then the writer against the zstd CLI on the same bytes, {@code repeat} times each. */
    private void writerAgainstZstdCli(CorpusSummary summary, Path work, PrintWriter out) throws Exception {
      List<String> lines = new java.util.ArrayList<>(advisories);
      long s = System.nanoTime();
      TrivyDb.readCorpus(summary, a -> lines.add(org.stellaops.connectors.canonical.AdvisoryJson.write(a)));
      double serialize = seconds(s);
      Path plain = work.resolve("writer/all.jsonl");
      Files.createDirectories(plain.getParent());
      long plainBytes = 0;
      try (var w = new java.io.BufferedOutputStream(Files.newOutputStream(plain), 1 << 16)) {
        for (String line : lines) {
          byte[] b = (line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
          w.write(b);
          plainBytes += b.length;
        }
      }
      double[] ours = new double[repeat];
      double[] cli = new double[repeat];
      long compressed = 0;
      long cliBytes = 0;
      for (int i = 0; i < repeat; i++) {
        Path dir = work.resolve("writer/ours");
        if (Files.exists(dir)) {
          TempTrees.delete(dir);
        }
        long o = System.nanoTime();
        try (org.stellaops.exports.bundle.JsonlShards shards = new org.stellaops.exports.bundle.JsonlShards(dir, "advisories", "normalized", 100_000)) {
          lines.forEach(shards::add);
          shards.close();
          compressed = shards.files().stream().mapToLong(org.stellaops.exports.bundle.BundleFile::bytes).sum();
        }
        ours[i] = seconds(o);
        Path target = work.resolve("writer/cli.jsonl.zst");
        long c = System.nanoTime();
        Process zstd = new ProcessBuilder("zstd", "-3", "--single-thread", "-q", "-f", "-o", target.toString(), plain.toString())
            .inheritIO().start();
        if (zstd.waitFor() != 0) {
          throw new IllegalStateException("zstd exited " + zstd.exitValue());
        }
        cli[i] = seconds(c);
        cliBytes = Files.size(target);
        out.printf(Locale.ROOT, "repetition %d: writer %.2f s, zstd CLI %.2f s%n", i + 1, ours[i], cli[i]);
        out.flush();
      }
      out.printf(Locale.ROOT, "| JSONL+zstd writer, %,d canonical advisory lines (%,d bytes, %.0f bytes/line) -> .jsonl.zst shards with"
          + " SHA-256, one thread | **%,.0f records/s** (%.2f s median of %d, %.0f MB/s in) | %,d bytes out |%n", lines.size(), plainBytes,
          (double) plainBytes / lines.size(), lines.size() / median(ours), median(ours), repeat, plainBytes / 1e6 / median(ours), compressed);
      out.printf(Locale.ROOT, "| baseline: zstd -3 --single-thread on the same bytes (file to file) | %.2f s median (%,.0f records/s) |"
          + " writer / CLI time %.2f; %,d bytes out |%n", median(cli), lines.size() / median(cli), median(ours) / median(cli), cliBytes);
      out.printf(Locale.ROOT, "| canonical JSON serialization of the same advisories (read from the corpus included) | %.1f s | %,.0f records/s |%n",
          serialize, lines.size() / serialize);
      out.flush();
    }
  }

  /** An embedded PostgreSQL with its data in {@code work/pgdata} and the object store in {@code work/objects}. */
  static StellaContext freshEmbedded(Path work) throws java.io.IOException {
    return StellaContext.open(new DatabaseSettings(java.util.Optional.empty(), java.util.Optional.empty(),
        java.util.Optional.empty(), work.resolve("pgdata"),
        org.stellaops.jobs.runtime.ObjectStoreSettings.directory(work.resolve("objects"))));
  }

  static double percentile(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

}
