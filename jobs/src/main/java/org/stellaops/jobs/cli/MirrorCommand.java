package org.stellaops.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.stellaops.connectors.store.MirrorStore;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.exports.bundle.ExportKeys;
import org.stellaops.jobs.mirror.MirrorImporter;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code stella mirror}: the far side of the air gap. Imports mirror bundles (verified first) into
 * the mirror tables of this database and answers package → advisory lookups from them, on the
 * command line or over HTTP.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = {"A read-only advisory mirror fed by mirror bundles (stella export run create --profile mirror:full|mirror:delta):",
        "import them, show the state, look packages up, serve lookups over HTTP. Guide: docs/export-center/air-gap-import.md."},
    subcommands = {MirrorCommand.Import.class, MirrorCommand.Status.class, MirrorCommand.Lookup.class, MirrorCommand.Show.class,
        MirrorCommand.Serve.class})
public final class MirrorCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Verify a mirror bundle offline, then apply it in one transaction: a full bundle replaces the mirror's state",
          "(an existing state only with --replace); a delta applies only onto the bundle it names as its base, which must be",
          "the mirror's newest. Before committing, the state is checked against the bundle's records count and state digest."},
      footer = {"", "Exit codes: 0 imported, 2 bad arguments or a bundle that does not apply onto this mirror's state,",
          "4 no such bundle, 6 the bundle does not verify or its content disagrees with its manifest (nothing is changed)."})
  static final class Import implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE", description = "The mirror bundle folder, or its .tar.zst archive.") Path bundle;

    @Option(names = "--unpack-dir", paramLabel = "DIR", description = "Where an archive is unpacked while it is imported (default: the temporary folder).")
    Path unpackDir;

    @Option(names = "--max-unpacked-bytes", defaultValue = "68719476736", paramLabel = "N",
        description = "Refuse an archive that unpacks to more than this (default: ${DEFAULT-VALUE}, 64 GiB).")
    long maxUnpackedBytes;

    @Option(names = "--key", paramLabel = "PUB", description = "The signer's public key you trust (PEM). Without it the bundle's own key"
        + " is used, which proves integrity but not who signed; the output says so.") Path key;

    @Option(names = "--replace", description = "Let a full bundle replace the state the mirror holds.") boolean replace;

    @Option(names = "--identity", paramLabel = "KEY",
        description = "An age identity file (AGE-SECRET-KEY-1... lines; age-keygen or stella export keys generate --algorithm age)"
            + " to read an encrypted bundle.") Path identity;

    @Override
    public Integer call() throws Exception {
      if (!Files.isDirectory(bundle) && !org.stellaops.exports.bundle.BundleArchive.isArchive(bundle)) {
        throw new NotFoundException("no bundle folder or .tar.zst archive " + bundle);
      }
      Optional<PublicKey> trusted = Optional.empty();
      if (key != null) {
        if (!Files.isRegularFile(key)) {
          throw new ParameterException(spec.commandLine(), "--key: no such file " + key);
        }
        trusted = Optional.of(ExportKeys.publicKey(key));
      }
      PrintWriter err = spec.commandLine().getErr();
      List<String> identities = List.of();
      if (identity != null) {
        try {
          identities = org.stellaops.exports.bundle.BundleEncryption.identities(identity);
        } catch (java.io.IOException e) {
          throw new ParameterException(spec.commandLine(), "--identity: " + e.getMessage());
        }
      }
      List<String> keys = identities;
      try (StellaContext context = StellaContext.open(database.settings())) {
        MirrorStore store = context.bean(MirrorStore.class);
        long started = System.nanoTime();
        MirrorImporter.Outcome outcome;
        try {
          Optional<PublicKey> key = trusted;
          outcome = ExportBundleCommands.onBundle(bundle, unpackDir, maxUnpackedBytes, folder -> MirrorImporter.apply(folder,
              bundle.toAbsolutePath().toString(), key, keys, store, replace, n -> {
                err.printf(Locale.ROOT, "stella: %,d advisories loaded (%.0f s)%n", n, (System.nanoTime() - started) / 1e9);
                err.flush();
              }));
        } catch (org.stellaops.exports.bundle.BundleArchive.Refused e) {
          store.refused(bundle.toAbsolutePath().toString(), List.of(e.getMessage()));
          err.println("stella: integrity: " + e.getMessage());
          err.printf(Locale.ROOT, "stella: %s was NOT imported; the mirror is unchanged%n", bundle);
          return ExitCodes.INTEGRITY;
        } catch (MirrorImporter.IntegrityFailure e) {
          store.refused(bundle.toAbsolutePath().toString(), e.problems());
          e.problems().forEach(p -> err.println("stella: integrity: " + p));
          err.printf(Locale.ROOT, "stella: %s was NOT imported: %d problem(s); the mirror is unchanged%n", bundle, e.problems().size());
          return ExitCodes.INTEGRITY;
        } catch (MirrorStore.StateMismatch | IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), bundle + ": " + e.getMessage());
        } catch (java.io.IOException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "imported %s (%s, advisory snapshot %d, export id %s) in %.1f s%n", bundle, outcome.manifest().profile(),
            outcome.manifest().snapshot(), outcome.manifest().exportId(), (System.nanoTime() - started) / 1e9);
        o.printf(Locale.ROOT, "  %,d advisories written, %,d removed; the mirror now holds %,d advisories (state %s)%n", outcome.written(),
            outcome.removed(), outcome.records(), outcome.manifest().stateSha256());
        o.printf(Locale.ROOT, "  signed by %s%s%n", outcome.keyId(), trusted.isPresent() ? "" : " (the bundle's own key: pass --key to check who signed)");
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "The bundles applied to the mirror, oldest first, and what it holds.")
  static final class Status implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") String format;

    @Override
    public Integer call() throws Exception {
      Output.check(spec, format);
      try (StellaContext context = StellaContext.open(database.settings())) {
        MirrorStore store = context.bean(MirrorStore.class);
        ObjectNode status = status(store);
        PrintWriter o = spec.commandLine().getOut();
        if ("json".equals(format)) {
          o.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else if (status.path("bundles").isEmpty()) {
          o.println("the mirror is empty: import a full bundle (stella mirror import BUNDLE --key PUB)");
        } else {
          o.printf(Locale.ROOT, "%-13s %8s %-20s %12s  %s%n", "PROFILE", "SNAPSHOT", "SEALED", "ADVISORIES", "EXPORT ID");
          status.path("bundles").forEach(b -> o.printf(Locale.ROOT, "%-13s %8d %-20s %,12d  %s%n", b.path("profile").asText(),
              b.path("snapshot").asLong(), b.path("createdAt").asText(), b.path("records").asLong(), b.path("exportId").asText()));
          o.printf(Locale.ROOT, "holds %,d advisories, %,d packages (%,d package rows)%n", status.path("advisories").asLong(),
              status.path("packages").asLong(), status.path("packageRows").asLong());
        }
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  static ObjectNode status(MirrorStore store) {
    ObjectNode status = JSON.createObjectNode();
    ArrayNode bundles = status.putArray("bundles");
    for (MirrorStore.Bundle b : store.chain()) {
      ObjectNode n = bundles.addObject();
      n.put("exportId", b.exportId()).put("profile", b.profile()).put("snapshot", b.snapshot()).put("createdAt", b.createdAt());
      b.baseExportId().ifPresent(base -> n.put("baseExportId", base));
      n.put("keyId", b.keyId()).put("records", b.records()).put("stateSha256", b.stateSha256()).put("added", b.added())
          .put("changed", b.changed()).put("removed", b.removed()).put("source", b.source());
    }
    long[] counts = store.counts();
    status.put("advisories", counts[0]).put("packageRows", counts[1]).put("packages", counts[2]);
    return status;
  }

  @Command(name = "lookup", mixinStandardHelpOptions = true,
      description = {"The advisories the mirror holds for a package: `stella mirror lookup ECOSYSTEM NAME` (OSV ecosystem spelling,",
          "e.g. npm lodash, PyPI Django, Maven org.apache.logging.log4j:log4j-core) or `stella mirror lookup --purl PURL`."},
      footer = {"", "Exit codes: 0 found (or none, with --format json), 2 bad arguments, 4 no advisory names the package."})
  static final class Lookup implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(arity = "0..2", paramLabel = "ECOSYSTEM NAME", description = "The package's ecosystem and name.") List<String> words;

    @Option(names = "--purl", paramLabel = "PURL", description = "The package as a package URL instead.") String purl;

    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") String format;

    @Override
    public Integer call() throws Exception {
      Output.check(spec, format);
      String key;
      try {
        key = productKey(purl, words);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        MirrorStore store = context.bean(MirrorStore.class);
        List<MirrorStore.Entry> entries = store.lookup(key);
        PrintWriter o = spec.commandLine().getOut();
        if ("json".equals(format)) {
          o.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(lookupJson(key, entries)));
          o.flush();
          return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
          throw new NotFoundException("no advisory in the mirror names " + key);
        }
        for (MirrorStore.Entry e : entries) {
          var doc = JSON.readTree(e.document());
          o.printf(Locale.ROOT, "%-24s %-9s %s%s%n", e.advisoryId(), doc.path("severity").path("level").asText("-"),
              doc.path("summary").asText(""), e.withdrawn() ? " (withdrawn)" : "");
        }
        o.printf(Locale.ROOT, "%d advisories name %s%n", entries.size(), key);
        o.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One advisory of the mirror, as its canonical JSON.",
      footer = {"", "Exit codes: 0 found, 4 not in the mirror."})
  static final class Show implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The advisory id.") String id;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        MirrorStore.Entry entry = context.bean(MirrorStore.class).advisory(id)
            .orElseThrow(() -> new NotFoundException("no advisory " + id + " in the mirror"));
        spec.commandLine().getOut().println(entry.document());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Answer lookups over HTTP until interrupted (read only):",
          "  GET /v1/status                                 the bundles applied and the counts",
          "  GET /v1/lookup?ecosystem=E&name=N | ?purl=P     the advisories naming a package",
          "  GET /v1/advisories/ID                          one advisory's canonical JSON",
          "Responses are JSON; 400 for a bad query, 404 for nothing found."})
  static final class Serve implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    @Option(names = "--port", defaultValue = "8087", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).") int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).") String bind;

    @Override
    public Integer call() throws Exception {
      if (port < 0 || port > 65535) {
        throw new ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        MirrorStore store = context.bean(MirrorStore.class);
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        server.createContext("/v1/status", exchange -> respond(exchange, () -> new Reply(200, status(store))));
        server.createContext("/v1/lookup", exchange -> respond(exchange, () -> {
          Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
          String key;
          try {
            key = productKey(query.get("purl"), query.containsKey("ecosystem") || query.containsKey("name")
                ? java.util.Arrays.asList(query.get("ecosystem"), query.get("name")) : null);
          } catch (IllegalArgumentException e) {
            return new Reply(400, JSON.createObjectNode().put("error", e.getMessage()));
          }
          List<MirrorStore.Entry> entries = store.lookup(key);
          return new Reply(entries.isEmpty() ? 404 : 200, lookupJson(key, entries));
        }));
        server.createContext("/v1/advisories/", exchange -> respond(exchange, () -> {
          String id = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring("/v1/advisories/".length()), StandardCharsets.UTF_8);
          Optional<MirrorStore.Entry> entry = store.advisory(id);
          return entry.isPresent() ? new Reply(200, JSON.readTree(entry.get().document()))
              : new Reply(404, JSON.createObjectNode().put("error", "no advisory " + id + " in the mirror"));
        }));
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          server.stop(1);
          stop.countDown();
        }));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "stella mirror serving on http://%s:%d/v1/ (%,d advisories); interrupt to stop%n", bind,
            server.getAddress().getPort(), store.counts()[0]);
        o.flush();
        stop.await();
        return ExitCodes.OK;
      }
    }
  }

  private record Reply(int status, com.fasterxml.jackson.databind.JsonNode body) {}

  private interface Handler {
    Reply handle() throws Exception;
  }

  private static void respond(HttpExchange exchange, Handler handler) throws IOException {
    Reply reply;
    if (!"GET".equals(exchange.getRequestMethod())) {
      reply = new Reply(405, JSON.createObjectNode().put("error", "only GET"));
    } else {
      try {
        reply = handler.handle();
      } catch (Exception e) {
        reply = new Reply(500, JSON.createObjectNode().put("error", String.valueOf(e.getMessage())));
      }
    }
    byte[] body = (JSON.writeValueAsString(reply.body()) + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  /** The product key of a purl, or of an ecosystem and a name: what the mirror's package index is keyed by. */
  static String productKey(String purl, List<String> words) {
    if (purl != null && words != null && !words.isEmpty()) {
      throw new IllegalArgumentException("give either a purl or an ecosystem and a name, not both");
    }
    if (purl != null) {
      return Ecosystems.fromPurl(purl).map(k -> Ecosystems.baseEcosystem(k.ecosystem()) + "/" + k.name())
          .orElseThrow(() -> new IllegalArgumentException("'" + purl + "' is not a package URL of an ecosystem advisories cover"));
    }
    if (words == null || words.size() != 2 || words.get(0) == null || words.get(1) == null || words.get(0).isBlank() || words.get(1).isBlank()) {
      throw new IllegalArgumentException("give the package as ECOSYSTEM NAME (e.g. npm lodash) or as a purl");
    }
    return Ecosystems.productKey(words.get(0), words.get(1));
  }

  static ObjectNode lookupJson(String key, List<MirrorStore.Entry> entries) throws IOException {
    ObjectNode n = JSON.createObjectNode();
    n.put("package", key);
    ArrayNode list = n.putArray("advisories");
    for (MirrorStore.Entry e : entries) {
      list.addObject().put("id", e.advisoryId()).put("withdrawn", e.withdrawn()).set("advisory", JSON.readTree(e.document()));
    }
    return n;
  }

  /** Output formats of these commands. */
  static final class Output {
    static void check(CommandSpec spec, String format) {
      if (!format.equals("table") && !format.equals("json")) {
        throw new ParameterException(spec.commandLine(), "--format must be table or json, got '" + format + "'");
      }
    }
  }
}
