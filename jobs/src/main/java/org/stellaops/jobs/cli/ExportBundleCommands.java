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

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Export one advisory snapshot as a signed bundle (profile json:raw): canonical JSON lines, zstd-compressed",
          "and sharded, with export.json (counts, schema versions, every file's digest), provenance.json (in-toto",
          "Statement v1) and signatures (DSSE envelope, detached signature of export.json). The same snapshot and key",
          "give byte-identical bundles. Check one with `stella export verify DIR --key PUB`. Layout: docs/export-center/."},
      footer = {"", "Exit codes: 0 ok, 2 bad arguments, 4 snapshot not found, 8 export error."})
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Option(names = "--profile", required = true, paramLabel = "PROFILE", description = "The export profile; today json:raw.")
    String profile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The bundle folder (replaced when it exists).")
    Path out;

    @Option(names = "--key", required = true, paramLabel = "KEY",
        description = "Private signing key (PEM, PKCS#8; Ed25519 or ECDSA P-256) with its .pub beside it (`stella export keys generate`).")
    Path key;

    @Option(names = "--snapshot", paramLabel = "N", description = "Advisory snapshot number (default: the newest).")
    Long snapshot;

    @Option(names = "--shard-records", defaultValue = "100000", paramLabel = "N",
        description = "Records per .jsonl.zst shard (default: ${DEFAULT-VALUE}).")
    int shardRecords;

    @Override
    public Integer call() throws Exception {
      if (!JSON_RAW.equals(profile)) {
        throw new ParameterException(spec.commandLine(), "--profile: '" + profile + "' is not a profile this version builds (json:raw;"
            + " the Trivy DB is `stella export trivy-db`)");
      }
      if (shardRecords < 1) {
        throw new ParameterException(spec.commandLine(), "--shard-records must be 1 or more, got " + shardRecords);
      }
      if (!Files.isRegularFile(key)) {
        throw new ParameterException(spec.commandLine(), "--key: no such file " + key);
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
      ExportSigner signer = ExportKeys.signer(key);
      PrintWriter err = spec.commandLine().getErr();
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportCommand.Snapshot chosenSnapshot = ExportCommand.snapshot(context, snapshot);
        long number = chosenSnapshot.number();
        Instant sealedAt = chosenSnapshot.sealedAt();
        AdvisoryStore advisories = context.bean(AdvisoryStore.class);
        ExportRunStore runs = context.bean(ExportRunStore.class);
        ExportCommand.reap(runs, err);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("include", List.of("advisories"));
        String parameters = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("out", out.toAbsolutePath().toString(),
            "snapshot", number, "keyId", signer.keyId(), "shardRecords", shardRecords));
        try (ExportRunStore.Lease lease = runs.start(JSON_RAW, number, parameters)) {
          long runId = lease.runId();
          err.printf(Locale.ROOT, "stella: export run %d: %s of advisory snapshot %d into %s%n", runId, JSON_RAW, number, out);
          JsonBundle.Written written;
          try {
            written = JsonBundle.write(out, new JsonBundle.Description(JSON_RAW, number, sealedAt.toString(), filters),
                List.of(new JsonBundle.Content("advisories", "stella.advisory/v1",
                    sink -> advisories.forEachAsOf(number, ExportCommand.progress(a -> sink.accept(AdvisoryJson.write(a)), err)))),
                signer, shardRecords);
          } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            runs.failed(runId, message);
            err.println("stella: export run " + runId + " failed: " + message);
            return ExitCodes.EXPORT;
          }
          var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
          var summary = mapper.createObjectNode();
          written.counts().forEach(summary::put);
          var outputs = mapper.createObjectNode();
          outputs.put("dir", out.toAbsolutePath().toString());
          outputs.put("manifestSha256", written.manifestSha256());
          outputs.put("keyId", signer.keyId());
          var files = outputs.putObject("files");
          written.files().forEach(f -> files.putObject(f.path()).put("bytes", f.bytes()).put("sha256", f.sha256()).put("records", f.records()));
          runs.succeeded(runId, summary.toString(), outputs.toString());
          PrintWriter o = spec.commandLine().getOut();
          o.printf(Locale.ROOT, "export run %d (%s) of advisory snapshot %d: %s%n", runId, JSON_RAW, number, out);
          written.counts().forEach((type, n) -> o.printf(Locale.ROOT, "  %-12s %,d records%n", type, n));
          written.files().forEach(f -> o.printf(Locale.ROOT, "  %-44s %,12d bytes  %s%n", f.path(), f.bytes(), f.sha256()));
          o.printf(Locale.ROOT, "export.json %s, signed by %s (%s)%n", written.manifestSha256(), signer.keyId(), signer.algorithm());
          o.flush();
          return ExitCodes.OK;
        }
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check an export bundle offline: every file's size and digest against export.json, no unlisted files,",
          "the provenance statement's subjects, the DSSE envelope and the detached signature of export.json.",
          "With --key, the signatures must be that key's; without, the bundle's own public key is used (integrity only)."},
      footer = {"", "Exit codes: 0 verified, 2 bad arguments, 4 no such bundle, 6 integrity failed (each problem names the file,",
          "the expected and the actual value)."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle folder.")
    Path bundle;

    @Option(names = "--key", paramLabel = "PUB", description = "The signer's public key (PEM) you trust.")
    Path key;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(bundle)) {
        throw new NotFoundException("no bundle folder " + bundle);
      }
      Optional<PublicKey> trusted = Optional.empty();
      if (key != null) {
        if (!Files.isRegularFile(key)) {
          throw new ParameterException(spec.commandLine(), "--key: no such file " + key);
        }
        trusted = Optional.of(ExportKeys.publicKey(key));
      }
      BundleVerifier.Result result = BundleVerifier.verify(bundle, trusted);
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

  @Command(name = "keys", mixinStandardHelpOptions = true, description = "Signing keys for export bundles.",
      subcommands = {GenerateKey.class})
  static final class Keys {}

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Write a new signing key pair: NAME.key (PKCS#8 PEM, owner-only) and NAME.pub; prints the key id."})
  static final class GenerateKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the key files.") Path out;

    @Option(names = "--name", defaultValue = "stella-export", description = "File name stem (default: ${DEFAULT-VALUE}).") String name;

    @Option(names = "--algorithm", defaultValue = "ed25519", description = "ed25519 or ecdsa-p256 (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Override
    public Integer call() throws Exception {
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
