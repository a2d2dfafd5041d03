package org.stellaops.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stellaops.connectors.canonical.AdvisoryJson;
import org.stellaops.connectors.store.AdvisoryStore;
import org.stellaops.connectors.store.ExportRunStore;
import org.stellaops.exports.bundle.BundleVerifier;
import org.stellaops.exports.bundle.ExportKeys;
import org.stellaops.exports.bundle.ExportSigner;
import org.stellaops.exports.bundle.JsonBundle;
import org.stellaops.exports.bundle.JsonlShards;
import org.stellaops.exports.mirror.MirrorBundle;
import org.stellaops.exports.mirror.MirrorManifest;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella export run create}, {@code export verify} and {@code export keys generate}: signed JSON bundles. */
final class ExportBundleCommands {
  static final String JSON_RAW = "json:raw";

  private ExportBundleCommands() {}

  static final String MIRROR_FULL = "mirror:full";
  static final String MIRROR_DELTA = "mirror:delta";
  static final String TRIVY_DB = "trivy:db";
  static final String JSON_POLICY = "json:policy";
  static final List<String> PROFILES = List.of(JSON_RAW, JSON_POLICY, MIRROR_FULL, MIRROR_DELTA);

  /**
   * A {@code json:policy} bundle: the advisories (as {@code json:raw}), the verdict of every image
   * for its current SBOM as of the snapshot ({@code findings/policy_evaluated-NNNNN.jsonl.zst}: the
   * canonical verdict body with its decision, rule, findings and input fingerprints, its digest
   * and the snapshot it was evaluated at), and the policy they were evaluated with
   * ({@code policy/snapshot.yaml}).
   */
  static JsonBundle.Written policyBundle(StellaContext context, AdvisoryStore advisories, long number,
      org.stellaops.exports.bundle.ExportFilter filter, Path out, JsonBundle.Description description, ExportSigner signer,
      int shardRecords, PrintWriter err, Runnable check) throws java.io.IOException {
    org.stellaops.engine.policy.DefaultPolicy policy = new org.stellaops.engine.policy.DefaultPolicy();
    try (JsonBundle.Stage stage = JsonBundle.stage(out, shardRecords)) {
      JsonlShards normalized = stage.shards("advisories", "advisories", "normalized", "stella.advisory/v1");
      advisories.forEachAsOf(number, ExportCommand.progress(ExportCommand.checked(a -> {
        if (filter.matches(a)) {
          normalized.add(AdvisoryJson.write(a));
        }
      }, check), err));
      JsonlShards findings = stage.shards("verdicts", "findings", "policy_evaluated", "stella.policy-evaluated/v1");
      long[] other = {0};
      context.bean(org.stellaops.connectors.store.VerdictStore.class).forEachAt(number, stored -> {
        check.run();
        var verdict = stored.verdict();
        if (!verdict.manifest().policyDigest().equals(policy.digest())) {
          other[0]++;
          return; // evaluated with another policy: not this export's
        }
        // Canonical JSON (keys in order): the stored canonical body, the image and the verdict's digest.
        findings.add("{\"body\":" + stored.canonicalBody() + ",\"imageDigest\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(verdict.imageDigest()) + ",\"verdictDigest\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(verdict.verdictDigest()) + "}");
      });
      if (other[0] > 0) {
        err.printf(Locale.ROOT, "stella: %,d verdict(s) evaluated with another policy than %s were left out%n", other[0], policy.digest());
      }
      String yaml = "# The policy the verdicts in findings/ were evaluated with (json:policy export).\n"
          + "name: " + policy.name() + "\n"
          + "digest: " + policy.digest() + "\n"
          + "engineVersion: " + org.stellaops.engine.EngineVersion.CURRENT + "\n"
          + "rules:\n"
          + "  - fail: {status: affected, severity: [CRITICAL, HIGH]}\n"
          + "# The canonical definition the digest is the SHA-256 of:\n"
          + "definition: '" + policy.definition() + "'\n";
      stage.file("policy/snapshot.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      Map<String, Object> extra = new LinkedHashMap<>();
      Map<String, Object> policyInfo = new LinkedHashMap<>();
      policyInfo.put("name", policy.name());
      policyInfo.put("digest", policy.digest());
      policyInfo.put("engineVersion", org.stellaops.engine.EngineVersion.CURRENT);
      extra.put("policy", policyInfo);
      return stage.seal(new JsonBundle.Description(description.profile(), description.snapshot(), description.createdAt(),
          description.filters(), extra, List.of(Map.of("type", "policy", "digest", policy.digest()))), signer);
    }
  }

  /** The output folder of the newest succeeded mirror export run of scope {@code filters} whose bundle is still in place. */
  static Optional<Path> latestMirrorBundle(ExportRunStore runs, com.fasterxml.jackson.databind.JsonNode filters) throws java.io.IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (ExportRunStore.Run run : runs.recent(Optional.empty(), 1_000)) {
      if (run.status().equals("succeeded") && run.profile().startsWith("mirror:") && run.outputs().isPresent()) {
        com.fasterxml.jackson.databind.JsonNode outputs = json.readTree(run.outputs().get());
        Path dir = Path.of(outputs.path("dir").asText());
        if (Files.isRegularFile(dir.resolve(JsonBundle.MANIFEST)) && !outputs.has("prunedAt")
            && ("sha256:" + java.util.HexFormat.of().formatHex(org.stellaops.exports.bundle.JsonlShards.sha256()
                .digest(Files.readAllBytes(dir.resolve(JsonBundle.MANIFEST))))).equals(outputs.path("manifestSha256").asText())
            && json.readTree(dir.resolve(JsonBundle.MANIFEST).toFile()).path("filters").equals(filters)) {
          return Optional.of(dir);
        }
      }
    }
    return Optional.empty();
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Export one advisory snapshot as a signed bundle: canonical JSON lines, zstd-compressed and sharded, with",
          "export.json (counts, schema versions, every file's digest), provenance.json (in-toto Statement v1) and signatures",
          "(DSSE envelope, detached signature of export.json). The same snapshot and key give byte-identical bundles.",
          "Profiles: json:raw (the advisories); mirror:full (an air-gap mirror: advisories, records and package indexes,",
          "README.md; load it with `stella mirror import`); mirror:delta (what changed since the mirror bundle --base:",
          "added and changed advisories, removed ids, the new records index); trivy:db (as `stella export trivy-db`); or",
          "the name of a stored profile (`stella export profiles create --file`), whose settings apply where options do not",
          "say otherwise. Check a bundle with `stella export verify DIR --key PUB`. Layouts: docs/export-center/."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments, 4 snapshot, profile or base not found, 6 the base does not verify,",
          "8 export error."})
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE",
        description = "json:raw, mirror:full, mirror:delta, trivy:db, or a stored profile's name.")
    String profile;

    @Option(names = "--out", paramLabel = "DIR", description = "The bundle folder, replaced when it exists (default: the stored profile's output).")
    Path out;

    @Option(names = "--key", paramLabel = "KEY",
        description = "Private signing key (PEM, PKCS#8; Ed25519 or ECDSA P-256) with its .pub beside it (`stella export keys generate`);"
            + " default: the stored profile's.")
    Path key;

    @Option(names = "--snapshot", paramLabel = "N", description = "Advisory snapshot number (default: the newest).")
    Long snapshot;

    @Option(names = "--base", paramLabel = "DIR|latest",
        description = "mirror:delta: the mirror bundle (full or delta) the delta applies onto; `latest` is the newest mirror bundle an"
            + " export run of this database wrote that is still in place (default: the stored profile's base).")
    String base;

    @Option(names = "--base-key", paramLabel = "PUB",
        description = "mirror:delta: the public key the base must verify against (default: the --key pair's public key).")
    Path baseKey;

    @Option(names = "--shard-records", paramLabel = "N",
        description = "Records per .jsonl.zst shard (default: the stored profile's, else 100000).")
    Integer shardRecordsOption;

    @Option(names = "--encrypt-to", paramLabel = "AGE_RECIPIENT",
        description = "mirror bundles: encrypt the record files to this age X25519 recipient (age1...); repeatable.")
    List<String> encryptTo;

    @Option(names = "--recipients-file", paramLabel = "FILE", description = "mirror bundles: age recipients, one per line.")
    Path recipientsFile;

    @Option(names = "--base-identity", paramLabel = "KEY", description = "mirror:delta: the age identity file to read an encrypted --base.")
    Path baseIdentity;

    List<String> recipients = List.of();

    @Option(names = "--ecosystems", split = ",", paramLabel = "ECOSYSTEM",
        description = "Scope: only advisories naming a package of these ecosystems (OSV names, e.g. npm,PyPI,Debian).")
    List<String> ecosystems;

    @Option(names = "--packages", split = ",", paramLabel = "ECOSYSTEM/NAME",
        description = "Scope: only advisories naming one of these packages (e.g. npm/lodash,PyPI/django).")
    List<String> packages;

    @Option(names = "--modified-from", paramLabel = "DATE", description = "Scope: only advisories modified at or after (2025-01-01 or RFC 3339).")
    String modifiedFrom;

    @Option(names = "--modified-to", paramLabel = "DATE", description = "Scope: only advisories modified before.")
    String modifiedTo;

    org.stellaops.exports.bundle.ExportFilter filter = org.stellaops.exports.bundle.ExportFilter.ALL;

    int shardRecords;
    Path basePath;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        return call(context);
      }
    }

    private Integer call(StellaContext context) throws Exception {
      String requested = profile;
      java.util.Optional<org.stellaops.connectors.export.ExportProfile> stored = java.util.Optional.empty();
      if (!PROFILES.contains(profile) && !TRIVY_DB.equals(profile)) {
        stored = context.bean(org.stellaops.connectors.export.ExportProfileStore.class).get(profile)
            .map(org.stellaops.connectors.export.ExportProfileStore.Stored::profile);
        if (stored.isEmpty()) {
          if (profile.contains(":")) {
            throw new ParameterException(spec.commandLine(), "--profile: '" + profile + "' is not a profile this version builds ("
                + String.join(", ", PROFILES) + ", " + TRIVY_DB + ")");
          }
          throw new NotFoundException("no stored export profile '" + profile + "' (stella export profiles list)");
        }
        profile = stored.get().builtIn();
      }
      ExportCommand.Snapshot chosenSnapshot = ExportCommand.snapshot(context, snapshot);
      if (out == null) {
        out = stored.flatMap(p -> p.outputFor(chosenSnapshot.number())).map(Path::of)
            .orElseThrow(() -> new ParameterException(spec.commandLine(), "--out DIR is required (the profile names no output)"));
      }
      if (TRIVY_DB.equals(profile)) {
        if (key != null || base != null || baseKey != null || shardRecordsOption != null || ecosystems != null || packages != null
            || modifiedFrom != null || modifiedTo != null || encryptTo != null || recipientsFile != null) {
          throw new ParameterException(spec.commandLine(), "trivy:db takes --out and --snapshot here (more options: stella export trivy-db)");
        }
        ExportCommand.TrivyDb trivy = new ExportCommand.TrivyDb();
        picocli.CommandLine line = new picocli.CommandLine(trivy);
        line.setOut(spec.commandLine().getOut());
        line.setErr(spec.commandLine().getErr());
        line.parseArgs("--out", out.toString(), "--snapshot", Long.toString(chosenSnapshot.number()));
        trivy.database = database;
        return trivy.call();
      }
      if (key == null) {
        key = stored.flatMap(org.stellaops.connectors.export.ExportProfile::key).map(Path::of)
            .orElseThrow(() -> new ParameterException(spec.commandLine(), "--key KEY is required (the profile names no signing key)"));
      }
      shardRecords = shardRecordsOption != null ? shardRecordsOption
          : stored.map(p -> p.shardRecords().orElse(100_000)).orElse(100_000);
      if (base == null) {
        base = stored.flatMap(org.stellaops.connectors.export.ExportProfile::base).orElse(null);
      }
      if (stored.isPresent()) {
        org.stellaops.connectors.export.ExportProfile.Scope scope = stored.get().scope();
        if (ecosystems == null && !scope.ecosystems().isEmpty()) {
          ecosystems = scope.ecosystems();
        }
        if (packages == null && !scope.packages().isEmpty()) {
          packages = scope.packages();
        }
        modifiedFrom = modifiedFrom != null ? modifiedFrom : scope.modifiedFrom().orElse(null);
        modifiedTo = modifiedTo != null ? modifiedTo : scope.modifiedTo().orElse(null);
        if (encryptTo == null && recipientsFile == null && !stored.get().recipients().isEmpty()) {
          encryptTo = stored.get().recipients();
        }
      }
      try {
        filter = new org.stellaops.exports.bundle.ExportFilter(
            java.util.Set.copyOf(ecosystems == null ? List.of() : ecosystems.stream().map(String::strip).filter(e -> !e.isEmpty()).toList()),
            java.util.Set.copyOf(packages == null ? List.of() : packages.stream().map(String::strip).filter(p -> !p.isEmpty())
                .map(org.stellaops.exports.bundle.ExportFilter::productKey).toList()),
            Optional.ofNullable(modifiedFrom).map(org.stellaops.exports.bundle.ExportFilter::time),
            Optional.ofNullable(modifiedTo).map(org.stellaops.exports.bundle.ExportFilter::time));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "scope: " + e.getMessage());
      }
      if ("latest".equals(base)) {
        basePath = latestMirrorBundle(context.bean(ExportRunStore.class),
            new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(filter.toManifest()))
            .orElseThrow(() -> new NotFoundException("--base latest: no mirror bundle of this scope written by an export run of this"
                + " database is in place; export a mirror:full first"));
        spec.commandLine().getErr().println("stella: --base latest is " + basePath);
      } else {
        basePath = base == null ? null : Path.of(base);
      }
      return export(context, chosenSnapshot, requested);
    }

    private Integer export(StellaContext context, ExportCommand.Snapshot chosenSnapshot, String requested) throws Exception {
      Path base = basePath;
      List<String> given = new java.util.ArrayList<>(encryptTo == null ? List.of() : encryptTo);
      try {
        if (recipientsFile != null) {
          given.addAll(org.stellaops.exports.bundle.BundleEncryption.recipientsFile(recipientsFile));
        }
        recipients = given.isEmpty() ? List.of() : org.stellaops.exports.bundle.BundleEncryption.recipients(given);
      } catch (IllegalArgumentException | java.nio.file.NoSuchFileException e) {
        throw new ParameterException(spec.commandLine(), "--encrypt-to/--recipients-file: " + e.getMessage());
      }
      if (!recipients.isEmpty() && !profile.startsWith("mirror:")) {
        throw new ParameterException(spec.commandLine(), "encryption is for mirror bundles (mirror:full, mirror:delta), not " + profile);
      }
      List<String> baseIdentities = List.of();
      if (baseIdentity != null) {
        try {
          baseIdentities = org.stellaops.exports.bundle.BundleEncryption.identities(baseIdentity);
        } catch (java.io.IOException e) {
          throw new ParameterException(spec.commandLine(), "--base-identity: " + e.getMessage());
        }
      }
      if (shardRecords < 1) {
        throw new ParameterException(spec.commandLine(), "--shard-records must be 1 or more, got " + shardRecords);
      }
      if (!Files.isRegularFile(key)) {
        throw new ParameterException(spec.commandLine(), "--key: no such file " + key);
      }
      if (MIRROR_DELTA.equals(profile) != (base != null)) {
        throw new ParameterException(spec.commandLine(), MIRROR_DELTA.equals(profile)
            ? "--base DIR is required with mirror:delta (the mirror bundle it applies onto)" : "--base is for mirror:delta only");
      }
      if (baseKey != null && !Files.isRegularFile(baseKey)) {
        throw new ParameterException(spec.commandLine(), "--base-key: no such file " + baseKey);
      }
      if (Files.exists(out) && !Files.isRegularFile(out.resolve(JsonBundle.MANIFEST))) {
        try (var entries = Files.list(out)) {
          if (entries.findAny().isPresent()) {
            throw new ParameterException(spec.commandLine(), "--out: " + out + " exists and is not an export bundle (no export.json);"
                + " it would be replaced, so choose a new or empty folder");
          }
        } catch (java.nio.file.NotDirectoryException e) {
          throw new ParameterException(spec.commandLine(), "--out: " + out + " is a file, not a folder");
        }
      }
      if (base != null && out.toAbsolutePath().normalize().equals(base.toAbsolutePath().normalize())) {
        throw new ParameterException(spec.commandLine(), "--out must not be the --base bundle (it would be replaced)");
      }
      ExportSigner signer = ExportKeys.signer(key);
      PrintWriter err = spec.commandLine().getErr();
      MirrorManifest baseManifest = null;
      if (base != null) {
        if (!Files.isRegularFile(base.resolve(JsonBundle.MANIFEST))) {
          throw new NotFoundException("--base: no export bundle at " + base + " (no export.json)");
        }
        PublicKey trusted = baseKey != null ? ExportKeys.publicKey(baseKey) : signer.publicKey();
        BundleVerifier.Result verified = BundleVerifier.verify(base, Optional.of(trusted));
        if (!verified.ok()) {
          verified.problems().forEach(p -> err.println("stella: integrity: --base " + p));
          err.printf(Locale.ROOT, "stella: the base bundle %s does NOT verify against key %s: %d problem(s)%n", base,
              ExportKeys.keyId(trusted), verified.problems().size());
          return ExitCodes.INTEGRITY;
        }
        try {
          baseManifest = MirrorManifest.read(base);
        } catch (java.io.IOException e) {
          throw new ParameterException(spec.commandLine(), "--base: " + e.getMessage());
        }
        com.fasterxml.jackson.databind.JsonNode wanted = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(filter.toManifest());
        if (!baseManifest.json().path("filters").equals(wanted)) {
          throw new ParameterException(spec.commandLine(), "--base was exported with the scope " + baseManifest.json().path("filters")
              + ", this delta with " + wanted + ": a delta keeps its base's scope (--ecosystems, --packages, --modified-from/-to)");
        }
        if (!baseManifest.recipients().isEmpty() && baseIdentities.isEmpty()) {
          throw new ParameterException(spec.commandLine(), "--base is encrypted to " + baseManifest.recipients()
              + ": give --base-identity KEY (an age identity file of one of them)");
        }
      }
      {
        long number = chosenSnapshot.number();
        if (baseManifest != null && baseManifest.snapshot() > number) {
          throw new ParameterException(spec.commandLine(), "--base is of advisory snapshot " + baseManifest.snapshot()
              + ", newer than snapshot " + number + " exported now");
        }
        Instant sealedAt = chosenSnapshot.sealedAt();
        AdvisoryStore advisories = context.bean(AdvisoryStore.class);
        ExportRunStore runs = context.bean(ExportRunStore.class);
        ExportCommand.reap(runs, err);
        Map<String, Object> filters = filter.toManifest();
        Map<String, Object> parameterMap = new LinkedHashMap<>();
        parameterMap.put("out", out.toAbsolutePath().toString());
        parameterMap.put("snapshot", number);
        parameterMap.put("keyId", signer.keyId());
        parameterMap.put("shardRecords", shardRecords);
        if (!requested.equals(profile)) {
          parameterMap.put("storedProfile", requested);
        }
        if (baseManifest != null) {
          parameterMap.put("base", base.toAbsolutePath().toString());
          parameterMap.put("baseExportId", baseManifest.exportId());
        }
        String parameters = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(parameterMap);
        try (ExportRunStore.Lease lease = runs.start(profile, number, parameters)) {
          long runId = lease.runId();
          err.printf(Locale.ROOT, "stella: export run %d: %s of advisory snapshot %d into %s%n", runId, profile, number, out);
          JsonBundle.Description description = new JsonBundle.Description(profile, number, sealedAt.toString(), filters);
          JsonBundle.Written written;
          MirrorBundle.Result mirror = null;
          try {
            if (JSON_RAW.equals(profile)) {
              Runnable check = ExportCommand.cancelCheck(runs, runId);
              written = JsonBundle.write(out, description, List.of(new JsonBundle.Content("advisories", "stella.advisory/v1",
                  sink -> advisories.forEachAsOf(number, ExportCommand.progress(ExportCommand.checked(a -> {
                    if (filter.matches(a)) {
                      sink.accept(AdvisoryJson.write(a));
                    }
                  }, check), err)))), signer, shardRecords);
            } else if (JSON_POLICY.equals(profile)) {
              written = policyBundle(context, advisories, number, filter, out, description, signer, shardRecords, err,
                  ExportCommand.cancelCheck(runs, runId));
            } else if (MIRROR_FULL.equals(profile)) {
              mirror = mirrorFull(advisories, number, filter, out, description, signer, shardRecords, recipients, err,
                  ExportCommand.cancelCheck(runs, runId));
              written = mirror.written();
            } else {
              mirror = mirrorDelta(advisories, number, filter, baseManifest, JsonlShards.Opener.decrypting(baseIdentities), out, description,
                  signer, shardRecords, recipients, err);
              written = mirror.written();
            }
          } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            runs.failed(runId, ExportCommand.errorClass(e), message);
            err.println("stella: export run " + runId + " failed (" + ExportCommand.errorClass(e) + "): " + message);
            return ExitCodes.EXPORT;
          }
          var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
          var summary = mapper.createObjectNode();
          written.counts().forEach(summary::put);
          if (mirror != null) {
            summary.put("stateRecords", mirror.records());
            summary.put("stateSha256", mirror.stateSha256());
            if (MIRROR_DELTA.equals(profile)) {
              summary.put("added", mirror.added()).put("changed", mirror.changed()).put("removed", mirror.removed());
            }
          }
          var outputs = mapper.createObjectNode();
          outputs.put("dir", out.toAbsolutePath().toString());
          outputs.put("manifestSha256", written.manifestSha256());
          outputs.put("keyId", signer.keyId());
          var files = outputs.putObject("files");
          written.files().forEach(f -> files.putObject(f.path()).put("bytes", f.bytes()).put("sha256", f.sha256()).put("records", f.records()));
          runs.input(runId, "advisory-snapshot:" + number, mirror == null ? null : mirror.stateSha256());
          if (baseManifest != null) {
            runs.input(runId, "export:" + baseManifest.exportId(), baseManifest.exportId());
          }
          runs.succeeded(runId, summary.toString(), outputs.toString());
          PrintWriter o = spec.commandLine().getOut();
          o.printf(Locale.ROOT, "export run %d (%s) of advisory snapshot %d: %s%n", runId, profile, number, out);
          if (mirror != null && MIRROR_DELTA.equals(profile)) {
            o.printf(Locale.ROOT, "  onto export %s (snapshot %d): %,d added, %,d changed, %,d removed%n", baseManifest.exportId(),
                baseManifest.snapshot(), mirror.added(), mirror.changed(), mirror.removed());
          }
          if (mirror != null) {
            o.printf(Locale.ROOT, "  state: %,d advisories, %s%n", mirror.records(), mirror.stateSha256());
          }
          written.counts().forEach((type, n) -> o.printf(Locale.ROOT, "  %-12s %,d records%n", type, n));
          written.files().forEach(f -> o.printf(Locale.ROOT, "  %-44s %,12d bytes  %s%n", f.path(), f.bytes(), f.sha256()));
          o.printf(Locale.ROOT, "export.json %s (the export id), signed by %s (%s)%n", written.manifestSha256(), signer.keyId(), signer.algorithm());
          o.flush();
          return ExitCodes.OK;
        }
      }
    }
  }

  /** A {@code mirror:full} bundle of snapshot {@code number}. */
  static MirrorBundle.Result mirrorFull(AdvisoryStore advisories, long number, org.stellaops.exports.bundle.ExportFilter filter, Path out,
      JsonBundle.Description description, ExportSigner signer, int shardRecords, List<String> recipients, PrintWriter err, Runnable check)
      throws java.io.IOException {
    return MirrorBundle.full(out, description, sink -> advisories.forEachAsOfInIdOrder(number,
        ExportCommand.progress(ExportCommand.checked(a -> {
          if (filter.matches(a)) {
            sink.accept(mirrorRecord(a));
          }
        }, check), err)), signer, shardRecords, recipients);
  }

  /**
   * A {@code mirror:delta} bundle of snapshot {@code number} onto {@code base}: reads only the
   * advisories revised by the runs sealed after the base's snapshot.
   */
  static MirrorBundle.Result mirrorDelta(AdvisoryStore advisories, long number, org.stellaops.exports.bundle.ExportFilter filter,
      MirrorManifest base, JsonlShards.Opener baseOpener, Path out,
      JsonBundle.Description description, ExportSigner signer, int shardRecords, List<String> recipients, PrintWriter err)
      throws java.io.IOException {
    java.util.SortedSet<String> revised = advisories.revisedIds(base.snapshot(), number);
    err.printf(Locale.ROOT, "stella: %,d advisories revised since the base's snapshot %d%n", revised.size(), base.snapshot());
    err.flush();
    java.util.SortedMap<String, Optional<MirrorBundle.Record>> changes = new java.util.TreeMap<>();
    revised.forEach(id -> changes.put(id, Optional.empty()));
    List<String> ids = List.copyOf(revised);
    for (int i = 0; i < ids.size(); i += 10_000) {
      advisories.asOf(number, ids.subList(i, Math.min(ids.size(), i + 10_000))).forEach(a -> changes.put(a.id(), filter.matches(a) ? Optional.of(mirrorRecord(a)) : Optional.empty()));
    }
    return MirrorBundle.delta(out, description, base, baseOpener, changes, signer, shardRecords, recipients);
  }

  /** An advisory as a mirror bundle holds it: canonical JSON and the product keys it names. */
  static MirrorBundle.Record mirrorRecord(org.stellaops.schemas.advisory.Advisory advisory) {
    return new MirrorBundle.Record(advisory.id(), AdvisoryJson.write(advisory), AdvisoryStore.productKeys(advisory));
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check an export bundle offline: every file's size and digest against export.json, no unlisted files,",
          "the provenance statement's subjects, the DSSE envelope and the detached signature of export.json.",
          "With --key, the signatures must be that key's; without, the bundle's own public key is used (integrity only)."},
      footer = {"", "Exit codes: 0 verified, 2 bad arguments, 4 no such bundle, 6 integrity failed (each problem names the file,",
          "the expected and the actual value)."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle folder, or its .tar.zst archive (`stella export run download`).")
    Path bundle;

    @Option(names = "--key", paramLabel = "PUB", description = "The signer's public key (PEM) you trust.")
    Path key;

    @Option(names = "--unpack-dir", paramLabel = "DIR", description = "Where an archive is unpacked while it is checked (default: the temporary folder).")
    Path unpackDir;

    @Option(names = "--max-unpacked-bytes", defaultValue = "68719476736", paramLabel = "N",
        description = "Refuse an archive that unpacks to more than this (default: ${DEFAULT-VALUE}, 64 GiB).")
    long maxUnpackedBytes;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(bundle) && !org.stellaops.exports.bundle.BundleArchive.isArchive(bundle)) {
        throw new NotFoundException("no bundle folder or .tar.zst archive " + bundle);
      }
      try {
        return onBundle(bundle, unpackDir, maxUnpackedBytes, this::verify);
      } catch (org.stellaops.exports.bundle.BundleArchive.Refused e) {
        spec.commandLine().getErr().println("stella: integrity: " + e.getMessage());
        spec.commandLine().getErr().printf(Locale.ROOT, "stella: %s does NOT verify%n", bundle);
        return ExitCodes.INTEGRITY;
      }
    }

    private Integer verify(Path folder) throws Exception {
      Optional<PublicKey> trusted = Optional.empty();
      if (key != null) {
        if (!Files.isRegularFile(key)) {
          throw new ParameterException(spec.commandLine(), "--key: no such file " + key);
        }
        trusted = Optional.of(ExportKeys.publicKey(key));
      }
      BundleVerifier.Result result = BundleVerifier.verify(folder, trusted);
      PrintWriter o = spec.commandLine().getOut();
      if (!result.ok()) {
        PrintWriter err = spec.commandLine().getErr();
        result.problems().forEach(p -> err.println("stella: integrity: " + p));
        err.printf(Locale.ROOT, "stella: %s does NOT verify: %d problem(s)%n", bundle, result.problems().size());
        return ExitCodes.INTEGRITY;
      }
      o.printf(Locale.ROOT, "%s verifies: %d file(s), signatures by %s%s%n", bundle, result.filesChecked(), result.keyId(),
          result.keyGiven() ? "" : " (the bundle's own key: pass --key to check who signed)");
      o.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * Runs {@code body} on the bundle folder {@code path}, or on the bundle inside it when it is a
   * {@code .tar.zst} archive: unpacked into a temporary folder that is removed after.
   */
  static <T> T onBundle(Path path, Path unpackInto, long maxBytes, BundleBody<T> body) throws Exception {
    if (!org.stellaops.exports.bundle.BundleArchive.isArchive(path)) {
      return body.apply(path);
    }
    Path temp = unpackInto != null ? Files.createTempDirectory(Files.createDirectories(unpackInto), "stella-bundle-")
        : Files.createTempDirectory("stella-bundle-");
    try {
      return body.apply(org.stellaops.exports.bundle.BundleArchive.extract(path, temp, maxBytes));
    } finally {
      TempTrees.delete(temp);
    }
  }

  /** Work on a bundle folder. */
  interface BundleBody<T> {
    T apply(Path bundle) throws Exception;
  }

  @Command(name = "download", mixinStandardHelpOptions = true,
      description = {"Write a run's bundle as one .tar.zst file to carry or hand out: entries under one folder named after the export",
          "id, sorted, with fixed owners, modes and times, so the same bundle always gives the same bytes. The bundle is checked",
          "first to be the one the run wrote: its export.json digest, every file's digest and the signing key.",
          "`stella export verify FILE.tar.zst` and `stella mirror import FILE.tar.zst` read the archive directly;",
          "`tar --zstd -xf FILE.tar.zst` unpacks it."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments, 4 no such run or its bundle is gone, 6 the bundle is not the one the run wrote."})
  static final class Download implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "RUN_ID", description = "The run id `stella export runs` lists.") long runId;
    @Option(names = "--out", required = true, paramLabel = "FILE.tar.zst", description = "The archive to write (replaced when it exists).")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (!out.getFileName().toString().endsWith(".tar.zst")) {
        throw new ParameterException(spec.commandLine(), "--out must end in .tar.zst, got " + out);
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        Optional<Checked> checked = checkedBundle(context, runId, spec);
        if (checked.isEmpty()) {
          return ExitCodes.INTEGRITY;
        }
        Path dir = checked.get().dir();
        String digest = checked.get().exportId();
        String sha = org.stellaops.exports.bundle.BundleArchive.write(dir, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %,d bytes, %s (bundle %s, export id %s)%n", out, Files.size(out), sha, dir, digest);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
    }
  }

  /** A run's bundle, checked to be the one it wrote. */
  record Checked(ExportRunStore.Run run, Path dir, String exportId, String keyId) {}

  /**
   * The bundle run {@code runId} wrote, when it is still in place and unchanged: its export.json
   * digest, every file's digest and the signing key as the run recorded. Empty (problems printed)
   * when it was changed; not found when the run or the bundle is gone.
   */
  static Optional<Checked> checkedBundle(StellaContext context, long runId, CommandSpec spec) throws Exception {
    ExportRunStore.Run run = context.bean(ExportRunStore.class).get(runId)
        .orElseThrow(() -> new NotFoundException("export run " + runId + " does not exist"));
    if (!run.status().equals("succeeded") || run.outputs().isEmpty()) {
      throw new NotFoundException("export run " + runId + " is " + run.status() + ": it has no bundle");
    }
    var outputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.outputs().get());
    if (run.profile().equals(TRIVY_DB)) {
      throw new ParameterException(spec.commandLine(), "export run " + runId + " is a Trivy DB: its db.tar.gz is already one file ("
          + outputs.path("files").path("db.tar.gz").path("sha256").asText("") + "); push it with `stella export trivy-db --push`");
    }
    Path dir = Path.of(outputs.path("dir").asText());
    if (!Files.isRegularFile(dir.resolve(JsonBundle.MANIFEST))) {
      throw new NotFoundException("export run " + runId + " wrote " + dir + ", which is no longer there (removed)");
    }
    if (outputs.has("prunedAt")) {
      throw new NotFoundException("export run " + runId + ": its data files were pruned by retention at " + outputs.path("prunedAt").asText()
          + "; only the manifest and signatures remain in " + dir);
    }
    PrintWriter err = spec.commandLine().getErr();
    String digest = "sha256:" + java.util.HexFormat.of().formatHex(org.stellaops.exports.bundle.JsonlShards.sha256()
        .digest(Files.readAllBytes(dir.resolve(JsonBundle.MANIFEST))));
    if (!digest.equals(outputs.path("manifestSha256").asText())) {
      err.printf(Locale.ROOT, "stella: integrity: %s/export.json: expected %s (written by run %d), found %s%n",
          dir, outputs.path("manifestSha256").asText(), runId, digest);
      return Optional.empty();
    }
    // Every file as signed, by the key the run signed with: a bundle damaged since is not handed out.
    BundleVerifier.Result verified = BundleVerifier.verify(dir, Optional.empty());
    if (!verified.ok() || !verified.keyId().equals(outputs.path("keyId").asText())) {
      verified.problems().forEach(p -> err.println("stella: integrity: " + dir + "/" + p));
      if (verified.ok()) {
        err.printf(Locale.ROOT, "stella: integrity: %s is signed by %s, but run %d signed with %s%n", dir, verified.keyId(), runId,
            outputs.path("keyId").asText());
      }
      err.printf(Locale.ROOT, "stella: %s is not the bundle run %d wrote; nothing written%n", dir, runId);
      return Optional.empty();
    }
    return Optional.of(new Checked(run, dir, digest, verified.keyId()));
  }

  static final String BUNDLE_ARTIFACT_TYPE = "application/vnd.stellaops.export.bundle.v1+json";
  static final String BUNDLE_LAYER_MEDIA_TYPE = "application/vnd.stellaops.export.bundle.v1.tar+zstd";

  @Command(name = "distribute", mixinStandardHelpOptions = true,
      description = {"Send a run's bundle on, as its .tar.zst (`export run download`): into a folder (--dir), to an S3 bucket",
          "(--s3 s3://BUCKET/PREFIX, with export.json beside it so the manifest reads without the archive), or to an OCI",
          "registry as a one-layer artifact (--oci REGISTRY/REPO[:TAG]; pull it with `oras pull`). The bundle is checked first",
          "as for download. Each attempt is recorded (`export run get ID` lists them); the same bundle gives the same bytes,",
          "so sending it again rewrites identical objects and uploads no new OCI blob."},
      footer = {"", "S3: --s3-endpoint, --s3-access-key, --s3-secret-key (or STELLA_S3_*). Registry credentials: STELLA_REGISTRY_USER and",
          "STELLA_REGISTRY_PASSWORD. Exit codes: 0 ok, 2 bad arguments, 4 no such run or bundle, 6 bundle changed, 8 sending failed."})
  static final class Distribute implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "RUN_ID", description = "The run id `stella export runs` lists.") long runId;
    @Option(names = "--dir", paramLabel = "DIR", description = "Write the archive into this folder.") Path dir;
    @Option(names = "--s3", paramLabel = "s3://BUCKET/PREFIX", description = "Upload the archive and export.json here.") String s3;
    @Option(names = "--oci", paramLabel = "REGISTRY/REPO[:TAG]", description = "Push the archive as an OCI artifact (tag default: the run id).")
    String oci;
    @Option(names = "--plain-http", description = "Talk HTTP to the --oci registry (loopback hosts always do).") boolean plainHttp;
    @Option(names = "--oci-layout", paramLabel = "DIR",
        description = "Write the artifact --oci would push as an OCI image layout in DIR instead (for `oras cp`, `skopeo copy` or a later push).")
    Path ociLayout;

    @Override
    public Integer call() throws Exception {
      int targets = (dir != null ? 1 : 0) + (s3 != null ? 1 : 0) + (oci != null ? 1 : 0) + (ociLayout != null ? 1 : 0);
      if (targets != 1) {
        throw new ParameterException(spec.commandLine(), "give exactly one of --dir DIR, --s3 s3://BUCKET/PREFIX, --oci REGISTRY/REPO[:TAG],"
            + " --oci-layout DIR");
      }
      if (s3 != null && (!s3.startsWith("s3://") || s3.length() <= 5)) {
        throw new ParameterException(spec.commandLine(), "--s3 must be s3://BUCKET[/PREFIX], got " + s3);
      }
      org.stellaops.exports.trivy.OciRegistryClient.Reference reference = null;
      if (oci != null) {
        try {
          String withTag = oci.substring(oci.lastIndexOf('/') + 1).contains(":") ? oci : oci + ":run-" + runId;
          reference = org.stellaops.exports.trivy.OciRegistryClient.Reference.parse(withTag);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), "--oci: " + e.getMessage());
        }
      }
      PrintWriter o = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (StellaContext context = StellaContext.open(database.settings())) {
        Optional<Checked> checked = checkedBundle(context, runId, spec);
        if (checked.isEmpty()) {
          return ExitCodes.INTEGRITY;
        }
        ExportRunStore runs = context.bean(ExportRunStore.class);
        String name = "stella-export-" + checked.get().exportId().substring("sha256:".length(), "sha256:".length() + 12) + ".tar.zst";
        String type = dir != null ? "dir" : s3 != null ? "objstore" : "oci";
        String target = dir != null ? dir.toAbsolutePath().toString() : s3 != null ? s3
            : ociLayout != null ? "oci-layout:" + ociLayout.toAbsolutePath() : reference.toString();
        var meta = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        meta.put("exportId", checked.get().exportId());
        Path temp = null;
        try {
          if (dir != null) {
            Path archive = dir.resolve(name);
            meta.put("archive", archive.toAbsolutePath().toString()).put("sha256", org.stellaops.exports.bundle.BundleArchive.write(
                checked.get().dir(), archive)).put("bytes", Files.size(archive));
          } else {
            temp = Files.createTempDirectory("stella-distribute-");
            Path archive = temp.resolve(name);
            String sha = org.stellaops.exports.bundle.BundleArchive.write(checked.get().dir(), archive);
            meta.put("sha256", sha).put("bytes", Files.size(archive));
            if (s3 != null) {
              var settings = database.settings().objects();
              if (settings.s3Endpoint().isEmpty() || settings.s3AccessKey().isEmpty() || settings.s3SecretKey().isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--s3 needs --s3-endpoint, --s3-access-key and --s3-secret-key"
                    + " (or STELLA_S3_ENDPOINT, STELLA_S3_ACCESS_KEY, STELLA_S3_SECRET_KEY)");
              }
              org.stellaops.jobs.objects.S3ObjectStore store = org.stellaops.jobs.objects.S3ObjectStore.of(s3, settings.s3Endpoint().get(),
                  settings.s3AccessKey().get(), settings.s3SecretKey().get());
              meta.put("archive", store.putFile(name, archive, "application/zstd"));
              meta.put("manifest", store.putFile(name.replace(".tar.zst", ".export.json"), checked.get().dir().resolve(JsonBundle.MANIFEST),
                  "application/json"));
            } else {
              var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(checked.get().dir().resolve(JsonBundle.MANIFEST).toFile());
              Map<String, String> annotations = new java.util.TreeMap<>();
              annotations.put("org.opencontainers.image.created", manifest.path("createdAt").asText());
              annotations.put("org.opencontainers.artifact.description", "Stella Ops " + manifest.path("profile").asText()
                  + " export of advisory snapshot " + manifest.path("snapshot").asLong());
              annotations.put("com.stella.export.profile", manifest.path("profile").asText());
              annotations.put("com.stella.export.filters", manifest.path("filters").toString());
              annotations.put("com.stella.export.id", checked.get().exportId());
              org.stellaops.exports.trivy.OciArtifact artifact = org.stellaops.exports.trivy.OciArtifact.of(archive, sha,
                  BUNDLE_ARTIFACT_TYPE, BUNDLE_LAYER_MEDIA_TYPE, name, annotations);
              if (ociLayout != null) {
                artifact.writeLayout(ociLayout, "run-" + runId);
                meta.put("archive", ociLayout.toAbsolutePath().toString()).put("manifestDigest", artifact.manifestDigest())
                    .put("blobsUploaded", 0).put("blobsPresent", 0);
              } else {
              org.stellaops.exports.trivy.OciRegistryClient client = new org.stellaops.exports.trivy.OciRegistryClient(
                  ExportCommand.env("STELLA_REGISTRY_USER"), ExportCommand.env("STELLA_REGISTRY_PASSWORD"), plainHttp);
              org.stellaops.exports.trivy.OciRegistryClient.Pushed pushed = client.push(reference, artifact);
              meta.put("manifestDigest", pushed.manifestDigest()).put("blobsUploaded", pushed.blobsUploaded())
                  .put("blobsPresent", pushed.blobsPresent());
              }
            }
          }
        } catch (ParameterException e) {
          throw e;
        } catch (Exception e) {
          String message = e.getMessage() == null ? e.toString() : e.getMessage();
          meta.put("error", message);
          runs.distributed(runId, type, target, false, meta.toString());
          err.println("stella: distributing export run " + runId + " to " + target + " failed: " + message);
          return ExitCodes.EXPORT;
        } finally {
          if (temp != null) {
            TempTrees.delete(temp);
          }
        }
        runs.distributed(runId, type, target, true, meta.toString());
        o.printf(Locale.ROOT, "export run %d (%s) sent to %s: %s%n", runId, checked.get().run().profile(), target,
            ociLayout != null ? "OCI image layout " + ociLayout + " (tag run-" + runId + ", manifest " + meta.path("manifestDigest").asText()
                + ")" : meta.has("manifestDigest") ? reference + "@" + meta.path("manifestDigest").asText() + " (" + meta.path("blobsUploaded").asInt()
                + " blob(s) uploaded, " + meta.path("blobsPresent").asInt() + " already there)" : meta.path("archive").asText());
        o.printf(Locale.ROOT, "  archive %s, %,d bytes; export id %s%n", meta.path("sha256").asText(), meta.path("bytes").asLong(),
            checked.get().exportId());
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "retention", mixinStandardHelpOptions = true,
      description = {"Prune the data of old bundles and keep their manifests: for each succeeded json/mirror run finished more than",
          "--older-than ago, remove the bundle's data files (.jsonl.zst shards) and keep export.json, provenance.json, signatures/",
          "and README.md, so what was exported, when, and by which key stays provable. The folder gets PRUNED.json (when, which",
          "files); `export verify` then names each pruned file as pruned. The run records prunedAt. --dry-run only lists."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments."})
  static final class Retention implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--older-than", required = true, paramLabel = "DURATION",
        description = "Age of the runs to prune: 30d, 12h, or ISO-8601 (P30D).") String olderThan;
    @Option(names = "--dry-run", description = "List what would be pruned; change nothing.") boolean dryRun;

    @Override
    public Integer call() throws Exception {
      java.time.Duration age;
      try {
        age = olderThan.matches("[0-9]+d") ? java.time.Duration.ofDays(Long.parseLong(olderThan.substring(0, olderThan.length() - 1)))
            : olderThan.matches("[0-9]+h") ? java.time.Duration.ofHours(Long.parseLong(olderThan.substring(0, olderThan.length() - 1)))
            : java.time.Duration.parse(olderThan);
      } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
        throw new ParameterException(spec.commandLine(), "--older-than must be like 30d, 12h or P30D, got '" + olderThan + "'");
      }
      if (age.isNegative()) {
        throw new ParameterException(spec.commandLine(), "--older-than must not be negative");
      }
      PrintWriter o = spec.commandLine().getOut();
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportRunStore runs = context.bean(ExportRunStore.class);
        Instant now = Instant.now();
        long total = 0;
        int pruned = 0;
        for (ExportRunStore.Run run : runs.prunable(now.minus(age))) {
          var outputs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.outputs().get());
          Path dir = Path.of(outputs.path("dir").asText());
          if (!Files.isRegularFile(dir.resolve(JsonBundle.MANIFEST))) {
            o.printf(Locale.ROOT, "run %d: %s is gone; nothing to prune%n", run.runId(), dir);
            continue;
          }
          List<String> files = new java.util.ArrayList<>();
          long bytes = 0;
          for (var file : new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(JsonBundle.MANIFEST).toFile()).path("files")) {
            String path = file.path("path").asText();
            Path target = dir.resolve(path).normalize();
            if (path.endsWith(".jsonl.zst") && target.startsWith(dir.normalize()) && Files.isRegularFile(target)) {
              files.add(path);
              bytes += Files.size(target);
            }
          }
          o.printf(Locale.ROOT, "run %d (%s, finished %s): %s%d data file(s), %,d bytes in %s%n", run.runId(), run.profile(),
              run.finishedAt().map(Object::toString).orElse("?"), dryRun ? "would prune " : "pruned ", files.size(), bytes, dir);
          if (!dryRun) {
            var marker = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
            marker.put("prunedAt", now.toString()).put("runId", run.runId()).put("bytes", bytes);
            files.forEach(marker.putArray("files")::add);
            Files.writeString(dir.resolve(org.stellaops.exports.bundle.BundleVerifier.PRUNED_MARKER),
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(marker) + "\n");
            for (String path : files) {
              Files.deleteIfExists(dir.resolve(path));
            }
            runs.pruned(run.runId(), now, bytes);
          }
          total += bytes;
          pruned++;
        }
        o.printf(Locale.ROOT, "%s %d run(s), %,d bytes%n", dryRun ? "would prune" : "pruned", pruned, total);
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "keys", mixinStandardHelpOptions = true, description = "Signing keys for export bundles.",
      subcommands = {GenerateKey.class})
  static final class Keys {}

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Write a new signing key pair: NAME.key (PKCS#8 PEM, owner-only) and NAME.pub; prints the key id."})
  static final class GenerateKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the key files.") Path out;

    @Option(names = "--name", defaultValue = "stella-export", description = "File name stem (default: ${DEFAULT-VALUE}).") String name;

    @Option(names = "--algorithm", defaultValue = "ed25519",
        description = "ed25519 or ecdsa-p256 (signing keys), or age (an X25519 encryption key pair: NAME.agekey, NAME.agepub) (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Override
    public Integer call() throws Exception {
      if (algorithm.equals("age")) {
        String recipient;
        try {
          recipient = ExportKeys.generateAge(out, name);
        } catch (java.nio.file.FileAlreadyExistsException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage() + "; choose another --name");
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "%s/%s.agekey (identity, keep it on the far side) and %s.agepub: recipient %s%n",
            out, name, name, recipient);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      ExportKeys.Algorithm chosen;
      try {
        chosen = ExportKeys.Algorithm.parse(algorithm);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--algorithm: " + e.getMessage());
      }
      String keyId = ExportKeys.generate(chosen, out, name);
      spec.commandLine().getOut().printf(Locale.ROOT, "%s/%s.key and %s.pub (%s), key id %s%n", out, name, name, chosen.label(), keyId);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }
}
