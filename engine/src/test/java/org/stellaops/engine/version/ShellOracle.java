package org.stellaops.engine.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a generated POSIX shell script that asks a command-line tool (dpkg, rpm) about many
 * version pairs in one process. Versions are written as single-quoted shell words in a UTF-8
 * file, so they reach the tool byte for byte whatever the JVM's locale.
 */
final class ShellOracle {

  private ShellOracle() {}

  /** The text as one single-quoted shell word. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /** Runs {@code sh script} and returns its standard output lines. */
  static List<String> run(String script, Path workDir) throws IOException, InterruptedException {
    Path file = workDir.resolve("oracle.sh");
    Path errors = workDir.resolve("stderr.txt");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder("sh", file.toString()).redirectError(errors.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("oracle script failed: " + Files.readString(errors, StandardCharsets.UTF_8));
    }
    return output.lines().toList();
  }

  /**
   * A script printing one {@link ExternalOracle#outcome}-style line per pair: validity of each
   * distinct version is asked once ({@code validityCommand} with {@code $1}, exit status 2 means
   * invalid) and pairs with two valid sides go to {@code compareFunction} ({@code $1 $2}, prints
   * -1, 0 or 1).
   */
  static String pairScript(List<String[]> pairs, String validityCommand, String compareFunction) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (String[] pair : pairs) {
      ids.putIfAbsent(pair[0], ids.size());
      ids.putIfAbsent(pair[1], ids.size());
    }
    StringBuilder script = new StringBuilder();
    script.append("ok() { ").append(validityCommand).append(" >/dev/null 2>&1; [ $? -eq 2 ] && echo 0 || echo 1; }\n");
    script.append("cmp() { ").append(compareFunction).append("; }\n");
    script.append("p() { if [ \"$1$2\" = 11 ]; then echo \"1 1 $(cmp \"$3\" \"$4\")\"; else echo \"$1 $2 x\"; fi; }\n");
    for (Map.Entry<String, Integer> entry : ids.entrySet()) {
      script.append("v").append(entry.getValue()).append("=$(ok ").append(quote(entry.getKey())).append(")\n");
    }
    for (String[] pair : pairs) {
      script.append("p $v").append(ids.get(pair[0])).append(" $v").append(ids.get(pair[1])).append(' ')
          .append(quote(pair[0])).append(' ').append(quote(pair[1])).append('\n');
    }
    return script.toString();
  }

  /** The first {@code limit} pairs where the scheme and the oracle disagree, described. */
  static List<String> firstDisagreements(VersionScheme scheme, List<String[]> pairs, List<String> oracle, int limit) {
    List<String> all = ExternalOracle.disagreements(scheme, pairs, oracle);
    return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
  }
}
