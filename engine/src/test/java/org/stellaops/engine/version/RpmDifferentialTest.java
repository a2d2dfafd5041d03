package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link RpmScheme} with RPM 4.17 or later, which answers both questions itself. Order:
 * {@code rpm.vercmp} on every pair, in one Lua chunk run by {@code rpm --eval}. Validity: RPM
 * splits the EVR ({@code rpm.ver}) and rpmbuild's spec parser ({@code rpmspec -q}) accepts or
 * refuses the parts as {@code Epoch:}, {@code Version:} and {@code Release:} tags. Every version
 * we refuse, RPM must refuse; every pair we accept, we must order as {@code rpm.vercmp} does.
 */
class RpmDifferentialTest {

  private static final long SEED = 4018L;
  private static final int PAIRS = 2000;

  /** EVRs that rpmbuild refuses, mixed into the generated pairs so that refusals are compared too. */
  private static final List<String> REFUSED_BY_RPMBUILD =
      List.of("a:1.0", "1.0-2-3", "1.0-", "-1", "1:", "1.0 2", "1.0/2", "x:y-z", "1:2:3");

  private final RpmScheme rpm = new RpmScheme();

  @Test
  void agreesWithRpmOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    requireRpm();
    List<String[]> pairs = new ArrayList<>(new RpmSamples(SEED).pairs(PAIRS));
    for (String refused : REFUSED_BY_RPMBUILD) {
      pairs.add(new String[] {refused, "1.0-1"});
    }

    Map<String, Boolean> rpmValidity = rpmValidity(pairs, workDir);

    assertThat(REFUSED_BY_RPMBUILD).allSatisfy(version -> assertThat(rpmValidity.get(version))
        .as("rpmbuild refuses %s", version).isFalse());
    assertAgreement(pairs, rpmValidity, vercmp(pairs, workDir));
    long refused = rpmValidity.values().stream().filter(valid -> !valid).count();
    // rpmbuild also refuses '..' in a version or release, which RpmSamples generates on purpose.
    assertThat(refused).as("most generated EVRs are valid for rpm").isLessThan(rpmValidity.size() / 4);
  }

  @Test
  void agreesWithRpmOnSampleAndFixtureVersions(@TempDir Path workDir) throws Exception {
    requireRpm();
    List<String> versions = new ArrayList<>(OsvFixtureVersions.samplesOf("AlmaLinux"));
    versions.addAll(OsvFixtureVersions.of("AlmaLinux"));
    versions.addAll(OsvFixtureVersions.of("Rocky_Linux"));
    List<String[]> pairs = OsvFixtureVersions.neighbourPairs(versions);

    Map<String, Boolean> rpmValidity = rpmValidity(pairs, workDir);

    System.out.println("rpm on " + versions.size() + " sample and fixture versions");
    assertThat(rpmValidity).as("rpmbuild accepts every published version").doesNotContainValue(false);
    assertAgreement(pairs, rpmValidity, vercmp(pairs, workDir));
  }

  /** Every version we refuse is refused by RPM; every pair we accept is ordered as rpm.vercmp orders it. */
  private void assertAgreement(List<String[]> pairs, Map<String, Boolean> rpmValidity, List<String> vercmp) {
    assertThat(vercmp).hasSize(pairs.size());
    List<String> refusedOnlyByUs = new ArrayList<>();
    List<String> acceptedOnlyByUs = new ArrayList<>();
    rpmValidity.forEach((version, rpmAccepts) -> {
      boolean weAccept = accepts(version);
      if (rpmAccepts && !weAccept) {
        refusedOnlyByUs.add(version);
      } else if (!rpmAccepts && weAccept) {
        acceptedOnlyByUs.add(version);
      }
    });
    List<String> orderedDifferently = new ArrayList<>();
    int compared = 0;
    for (int i = 0; i < pairs.size(); i++) {
      String[] pair = pairs.get(i);
      if (accepts(pair[0]) && accepts(pair[1])) {
        compared++;
        String ours = String.valueOf(Integer.signum(rpm.compare(pair[0], pair[1])));
        if (!ours.equals(vercmp.get(i)) && orderedDifferently.size() < 20) {
          orderedDifferently.add("[" + pair[0] + "] vs [" + pair[1] + "]: ours " + ours + ", rpm.vercmp " + vercmp.get(i));
        }
      }
    }
    System.out.printf("rpm: %d versions (%d refused by rpmbuild), %d pairs compared; %d accepted only by us"
        + " (lenient), first %s%n", rpmValidity.size(), rpmValidity.values().stream().filter(valid -> !valid).count(),
        compared, acceptedOnlyByUs.size(), acceptedOnlyByUs.subList(0, Math.min(10, acceptedOnlyByUs.size())));
    assertThat(refusedOnlyByUs).as("versions we refuse although rpmbuild accepts them").isEmpty();
    assertThat(orderedDifferently).as("pairs we order differently from rpm.vercmp").isEmpty();
    assertThat(compared).as("pairs compared").isGreaterThan(pairs.size() / 2);
  }

  private boolean accepts(String version) {
    try {
      rpm.validate(version);
      return true;
    } catch (UnparseableVersionException e) {
      return false;
    }
  }

  /** rpm.vercmp's signum for every pair, whatever either side looks like. */
  private static List<String> vercmp(List<String[]> pairs, Path workDir) throws IOException, InterruptedException {
    StringBuilder lua = new StringBuilder("local out = {}\n"
        + "local function c(a, b) out[#out + 1] = tostring(rpm.vercmp(a, b)) end\n");
    for (String[] pair : pairs) {
      lua.append("c(").append(luaString(pair[0])).append(", ").append(luaString(pair[1])).append(")\n");
    }
    lua.append("print(table.concat(out, '\\n'))\n");
    return runLua(lua, workDir);
  }

  /**
   * For each distinct version, whether rpmbuild accepts it: {@code rpm.ver} splits it as RPM does,
   * and {@code rpmspec} parses a spec with those parts (a missing release becomes {@code 1}, since a
   * spec needs one while a version to compare does not).
   */
  private static Map<String, Boolean> rpmValidity(List<String[]> pairs, Path workDir)
      throws IOException, InterruptedException {
    List<String> versions = new ArrayList<>(new LinkedHashSet<>(pairs.stream().flatMap(java.util.Arrays::stream).toList()));
    StringBuilder lua = new StringBuilder("local out = {}\n"
        + "local function s(x) local v = rpm.ver(x)\n"
        + "  out[#out + 1] = (v.e and ('E' .. v.e) or '-') .. '\\t' .. 'V' .. (v.v or '') .. '\\t'"
        + " .. (v.r and ('R' .. v.r) or '-')\n"
        + "end\n");
    for (String version : versions) {
      lua.append("s(").append(luaString(version)).append(")\n");
    }
    lua.append("print(table.concat(out, '\\n'))\n");
    List<String> parts = runLua(lua, workDir);
    assertThat(parts).as("rpm.ver answers for each version").hasSize(versions.size());
    StringBuilder script = new StringBuilder("spec=\"$1\"\n"
        + "ok() { rpmspec -q --srpm --qf '' \"$spec\" >/dev/null 2>&1 && echo 1 || echo 0; }\n");
    for (String split : parts) {
      String[] field = split.split("\t", -1);
      List<String> lines = new ArrayList<>(List.of("Name: probe"));
      if (!field[0].equals("-")) {
        lines.add("Epoch: " + field[0].substring(1));
      }
      lines.add("Version: " + field[1].substring(1));
      lines.add("Release: " + (field[2].equals("-") ? "1" : field[2].substring(1)));
      lines.addAll(List.of("Summary: probe", "License: MIT", "%description", "probe"));
      script.append("printf '%s\\n'");
      lines.forEach(line -> script.append(' ').append(ShellOracle.quote(line)));
      script.append(" > \"$spec\"; ok\n");
    }
    List<String> answers = runShell(script.toString(), workDir);
    assertThat(answers).as("rpmspec answers for each version").hasSize(versions.size());
    Map<String, Boolean> validity = new LinkedHashMap<>();
    for (int i = 0; i < versions.size(); i++) {
      validity.put(versions.get(i), answers.get(i).equals("1"));
    }
    return validity;
  }

  private static String luaString(String text) {
    return "[==[" + text + "]==]";
  }

  private static List<String> runLua(CharSequence lua, Path workDir) throws IOException, InterruptedException {
    Path script = workDir.resolve("chunk.lua");
    Files.writeString(script, lua, StandardCharsets.UTF_8);
    return run(List.of("rpm", "--eval", "%{lua: dofile('" + script + "')}"), workDir);
  }

  private static List<String> runShell(String script, Path workDir) throws IOException, InterruptedException {
    Path file = workDir.resolve("validity.sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    return run(List.of("sh", file.toString(), workDir.resolve("probe.spec").toString()), workDir);
  }

  private static List<String> run(List<String> command, Path workDir) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectError(workDir.resolve("stderr.txt").toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(command.get(0) + " failed: " + Files.readString(workDir.resolve("stderr.txt")));
    }
    return output.lines().filter(line -> !line.isEmpty()).toList();
  }

  private static void requireRpm() {
    ExternalRequirement.tool(
        ExternalOracle.works("rpm", "--eval", "%{lua: print(rpm.vercmp('1.0', '1.1'), rpm.ver('1:2-3').e)}")
            && ExternalOracle.works("rpmspec", "--version"),
        "rpm 4.17 or later with rpmspec is not installed (rpm --eval with rpm.vercmp and rpm.ver failed;"
            + " on Debian: apt-get install rpm)");
  }
}
