package org.stellaops.jobs.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.stellaops.engine.range.RangeExpressions;
import org.stellaops.engine.range.RangeExpressions.Dialect;
import org.stellaops.engine.range.RangeSyntaxException;
import org.stellaops.engine.version.UnparseableVersionException;
import org.stellaops.engine.version.VersionScheme;
import org.stellaops.engine.version.VersionSchemes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stella version compare|satisfies}: the engine's version order and range matching, without
 * a database (no Spring, no PostgreSQL), for checking one answer or diffing against other tools.
 */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Compare versions and test ranges with the engine's version schemes (no database).",
    subcommands = {VersionCommand.Compare.class, VersionCommand.Satisfies.class})
final class VersionCommand {

  /** OSV ecosystem names listed in messages; lookups go through {@link VersionSchemes}. */
  static final List<String> SUPPORTED_ECOSYSTEMS = List.copyOf(org.stellaops.engine.version.VersionSchemes.ecosystems());

  private static final String NO_TAB = "error: expected two versions separated by a tab";

  /** The {@code --ecosystem} option shared by the subcommands. */
  static final class EcosystemOption {
    @Option(names = "--ecosystem", required = true, paramLabel = "NAME",
        description = "OSV ecosystem name: npm, PyPI, Maven, Go, crates.io.")
    String name;

    Optional<VersionScheme> scheme(CommandSpec spec) {
      Optional<VersionScheme> scheme = VersionSchemes.forEcosystem(name);
      if (scheme.isEmpty()) {
        spec.commandLine().getErr().println("stella: unknown ecosystem '" + name + "'; supported: "
            + String.join(", ", SUPPORTED_ECOSYSTEMS));
      }
      return scheme;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = {"Print <, = or > as the first version is lower than, equal to or higher than the second.",
          "With --stdin, read 'A<TAB>B' lines and write one answer or 'error: reason' per line."})
  static final class Compare implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin EcosystemOption ecosystem;
    @Option(names = "--stdin", description = "Read tab-separated pairs from standard input.") boolean stdin;
    @Parameters(arity = "0..2", paramLabel = "VERSION", description = "The two versions (without --stdin).")
    List<String> versions;

    @Override
    public Integer call() throws IOException {
      Optional<VersionScheme> scheme = ecosystem.scheme(spec);
      if (scheme.isEmpty()) {
        return ExitCodes.USAGE;
      }
      if (versions == null) {
        versions = List.of();
      }
      if (stdin != versions.isEmpty()) {
        spec.commandLine().getErr().println("stella: give either two versions or --stdin");
        return ExitCodes.USAGE;
      }
      return stdin ? compareLines(scheme.get()) : compareTwo(scheme.get());
    }

    private int compareTwo(VersionScheme scheme) {
      if (versions.size() != 2) {
        spec.commandLine().getErr().println("stella: expected two versions, got " + versions.size());
        return ExitCodes.USAGE;
      }
      try {
        spec.commandLine().getOut().println(symbol(scheme.compare(versions.get(0), versions.get(1))));
        return ExitCodes.OK;
      } catch (UnparseableVersionException e) {
        spec.commandLine().getErr().println("stella: " + e.getMessage() + " (" + scheme.name() + ")");
        return ExitCodes.USAGE;
      }
    }

    /** One output line per input line; bad lines are answered with an error and counted, never fatal. */
    private int compareLines(VersionScheme scheme) throws IOException {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8), 1 << 16);
      Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
      long lines = 0;
      long rejected = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines++;
        int tab = line.indexOf('\t');
        if (tab < 0) {
          out.write(NO_TAB);
          rejected++;
        } else {
          try {
            out.write(symbol(scheme.compare(line.substring(0, tab), line.substring(tab + 1))));
          } catch (UnparseableVersionException e) {
            out.write("error: ");
            out.write(e.getMessage());
            rejected++;
          }
        }
        out.write('\n');
      }
      out.flush();
      if (rejected > 0) {
        spec.commandLine().getErr().println("stella: " + rejected + " of " + lines + " lines could not be compared");
        return ExitCodes.PARTIAL;
      }
      return ExitCodes.OK;
    }

    private static char symbol(int comparison) {
      return comparison < 0 ? '<' : comparison > 0 ? '>' : '=';
    }
  }

  @Command(name = "satisfies", mixinStandardHelpOptions = true,
      description = {"Print true or false as the version lies inside the range.",
          "Range notation: Maven intervals for Maven or any range starting with '[' or '(',",
          "node-semver ranges for npm, GHSA comparators (>= 1.0, < 2.0 || ...) otherwise."})
  static final class Satisfies implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin EcosystemOption ecosystem;
    @Parameters(index = "0", paramLabel = "VERSION", description = "The version to test.") String version;
    @Parameters(index = "1", paramLabel = "RANGE", description = "The range.") String range;

    @Override
    public Integer call() {
      Optional<VersionScheme> scheme = ecosystem.scheme(spec);
      if (scheme.isEmpty()) {
        return ExitCodes.USAGE;
      }
      try {
        boolean inside = RangeExpressions.parse(range, dialect(ecosystem.name, range)).contains(version, scheme.get());
        spec.commandLine().getOut().println(inside);
        return ExitCodes.OK;
      } catch (RangeSyntaxException | UnparseableVersionException e) {
        spec.commandLine().getErr().println("stella: " + e.getMessage());
        return ExitCodes.USAGE;
      }
    }

    static Dialect dialect(String ecosystem, String range) {
      String text = range.strip();
      if (text.startsWith("[") || text.startsWith("(")) {
        return Dialect.MAVEN;
      }
      String base = ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
      return switch (base) {
        case "Maven" -> Dialect.MAVEN;
        case "npm" -> Dialect.NPM;
        default -> Dialect.GHSA;
      };
    }
  }
}
