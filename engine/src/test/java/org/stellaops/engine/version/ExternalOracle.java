package org.stellaops.engine.version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference implementation (Python's packaging, node's semver) in one subprocess over
 * many version pairs. Each input line is {@code hex(left) TAB hex(right)}, so any character
 * survives the trip; each output line is the oracle's {@link #outcome} for that pair.
 */
final class ExternalOracle {

  private static final HexFormat HEX = HexFormat.of();

  private ExternalOracle() {}

  /** True when the command runs and exits 0 within 30 seconds. */
  static boolean works(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the command with the encoded pairs on stdin and returns one outcome line per pair. */
  static List<String> outcomes(List<String> command, List<String[]> pairs, Path workDir)
      throws IOException, InterruptedException {
    Path input = workDir.resolve("pairs.txt");
    Path errors = workDir.resolve("stderr.txt");
    List<String> lines = new ArrayList<>(pairs.size());
    for (String[] pair : pairs) {
      lines.add(hex(pair[0]) + "\t" + hex(pair[1]));
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(command)
        .redirectInput(input.toFile())
        .redirectError(errors.toFile())
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "oracle " + command.get(0) + " failed: " + Files.readString(errors, StandardCharsets.UTF_8));
    }
    return output.lines().toList();
  }

  /** {@code "1 1 <signum>"} when both parse, otherwise validity flags and {@code x}. */
  static String outcome(VersionScheme scheme, String left, String right) {
    boolean leftValid = isValid(scheme, left);
    boolean rightValid = isValid(scheme, right);
    if (!leftValid || !rightValid) {
      return (leftValid ? 1 : 0) + " " + (rightValid ? 1 : 0) + " x";
    }
    return "1 1 " + Integer.signum(scheme.compare(left, right));
  }

  private static boolean isValid(VersionScheme scheme, String version) {
    try {
      scheme.validate(version);
      return true;
    } catch (UnparseableVersionException e) {
      return false;
    }
  }

  private static String hex(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Pairs where this scheme and the oracle disagree, described for a failure message. */
  static List<String> disagreements(VersionScheme scheme, List<String[]> pairs, List<String> oracle) {
    List<String> differences = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      String[] pair = pairs.get(i);
      String ours = outcome(scheme, pair[0], pair[1]);
      String theirs = i < oracle.size() ? oracle.get(i) : "(no answer)";
      if (!ours.equals(theirs)) {
        differences.add(String.format("[%s] vs [%s]: ours %s, oracle %s",
            escape(pair[0]), escape(pair[1]), ours, theirs));
      }
    }
    return differences;
  }

  /** How many outcomes had an invalid side, how many were equal, how many ordered. */
  static String summary(List<String> oracle) {
    long invalid = oracle.stream().filter(line -> line.endsWith("x")).count();
    long equal = oracle.stream().filter(line -> line.equals("1 1 0")).count();
    return oracle.size() + " pairs: " + invalid + " with an invalid side, " + equal + " equal, "
        + (oracle.size() - invalid - equal) + " ordered";
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= ' ' && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return out.toString();
  }
}
