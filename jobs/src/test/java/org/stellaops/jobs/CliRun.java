package org.stellaops.jobs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.stellaops.jobs.cli.StellaMain;

/** Runs the {@code stella} command line in this JVM against a database, capturing its output. */
public record CliRun(int exitCode, String out, String err) {

  /** Runs {@code args} with {@code --db-url dbUrl} appended. */
  public static CliRun run(String dbUrl, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db-url");
    all.add(dbUrl);
    return offline(all.toArray(String[]::new));
  }

  /** Runs {@code args} as given: for commands that use no database. */
  public static CliRun offline(String... args) {
    List<String> all = List.of(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = StellaMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new CliRun(code, out.toString(), err.toString());
  }
}
