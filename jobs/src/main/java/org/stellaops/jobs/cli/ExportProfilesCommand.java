package org.stellaops.jobs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stellaops.connectors.export.ExportProfile;
import org.stellaops.connectors.export.ExportProfileStore;
import org.stellaops.connectors.export.ExportProfileYaml;
import org.stellaops.connectors.yaml.LocatedYaml.InvalidYamlException;
import org.stellaops.jobs.runtime.StellaContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code stella export profiles}: stored export profiles (docs/export-center/profiles.md). */
@Command(name = "profiles", mixinStandardHelpOptions = true,
    description = {"Stored export profiles: a name for a built-in profile (json:raw, mirror:full, mirror:delta, trivy:db) with its",
        "settings (signing key, output folder, shard size, delta base), used as `stella export run create --profile NAME`."},
    subcommands = {ExportProfilesCommand.Create.class, ExportProfilesCommand.ListProfiles.class, ExportProfilesCommand.Show.class,
        ExportProfilesCommand.Remove.class})
final class ExportProfilesCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The built-in profiles, as {@code kind:variant}. */
  static final List<String> BUILT_IN = List.of("json:raw", "mirror:full", "mirror:delta", "trivy:db");

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = {"Validate and store the profiles of a YAML file (one per document; `---` between several). A profile with the",
          "name of a stored one replaces it. An error names the file, line, column and reason, and nothing is stored."},
      footer = {"", "Exit codes: 0 stored, 2 invalid file (nothing stored), 4 no such file."})
  static final class Create implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The profile YAML file.") Path file;

    @Override
    public Integer call() throws Exception {
      if (!java.nio.file.Files.isRegularFile(file)) {
        throw new NotFoundException("no profile file " + file);
      }
      Optional<String> read = TextFiles.readUtf8(file, spec);
      if (read.isEmpty()) {
        return ExitCodes.USAGE;
      }
      List<ExportProfile> profiles;
      try {
        profiles = ExportProfileYaml.read(file.toString(), read.get());
      } catch (InvalidYamlException e) {
        spec.commandLine().getErr().println("stella: " + e.getMessage());
        spec.commandLine().getErr().println("stella: no profile stored");
        return ExitCodes.USAGE;
      }
      try (StellaContext context = StellaContext.open(database.settings())) {
        List<ExportProfileStore.Change> changes = context.bean(ExportProfileStore.class).apply(profiles, file.toString());
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < profiles.size(); i++) {
          out.printf(Locale.ROOT, "profile %s (%s): %s%n", profiles.get(i).name(), profiles.get(i).builtIn(),
              changes.get(i).name().toLowerCase(Locale.ROOT));
        }
        out.printf(Locale.ROOT, "stored %d profile(s) from %s%n", profiles.size(), file);
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "The built-in profiles and the stored ones.")
  static final class ListProfiles implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Option(names = "--kind", paramLabel = "KIND", description = "Only profiles of this kind: json, mirror or trivy.") String kind;
    @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).") String format;

    @Override
    public Integer call() throws Exception {
      if (kind != null && !ExportProfile.KINDS.contains(kind)) {
        throw new ParameterException(spec.commandLine(), "--kind is one of " + ExportProfile.KINDS + "; got '" + kind + "'");
      }
      MirrorCommand.Output.check(spec, format);
      try (StellaContext context = StellaContext.open(database.settings())) {
        List<ExportProfileStore.Stored> stored = context.bean(ExportProfileStore.class).list(Optional.ofNullable(kind));
        List<String> builtIn = BUILT_IN.stream().filter(b -> kind == null || b.startsWith(kind + ":")).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
          ArrayNode array = JSON.createArrayNode();
          builtIn.forEach(b -> array.addObject().put("name", b).put("kind", b.split(":")[0]).put("variant", b.split(":")[1])
              .put("builtIn", true));
          for (ExportProfileStore.Stored s : stored) {
            array.add(ExportProfileStore.config(s.profile()).put("builtIn", false).put("sourceFile", s.sourceFile())
                .put("revision", s.revision()).put("updatedAt", s.updatedAt().toString()));
          }
          out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
          out.printf(Locale.ROOT, "%-24s %-14s %-40s %s%n", "NAME", "PROFILE", "OUTPUT", "DESCRIPTION");
          builtIn.forEach(b -> out.printf(Locale.ROOT, "%-24s %-14s %-40s %s%n", b, b, "(--out)", "built in"));
          for (ExportProfileStore.Stored s : stored) {
            ExportProfile p = s.profile();
            out.printf(Locale.ROOT, "%-24s %-14s %-40s %s%n", p.name(), p.builtIn(), p.output().orElse("(--out)"), p.description().orElse(""));
          }
        }
        out.flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "One stored profile, as JSON.", footer = {"", "Exit codes: 0, 4 no such profile."})
  static final class Show implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        ExportProfileStore.Stored s = context.bean(ExportProfileStore.class).get(name)
            .orElseThrow(() -> new NotFoundException("no stored export profile '" + name + "' (stella export profiles list)"));
        spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ExportProfileStore.config(s.profile())
            .put("sourceFile", s.sourceFile()).put("revision", s.revision()).put("updatedAt", s.updatedAt().toString())));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a stored profile (its runs stay).",
      footer = {"", "Exit codes: 0, 4 no such profile."})
  static final class Remove implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws Exception {
      try (StellaContext context = StellaContext.open(database.settings())) {
        if (!context.bean(ExportProfileStore.class).delete(name)) {
          throw new NotFoundException("no stored export profile '" + name + "'");
        }
        spec.commandLine().getOut().println("removed profile " + name);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
    }
  }
}
