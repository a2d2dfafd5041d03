package org.stellaops.engine.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares {@link CranScheme} with R's own {@code package_version} and its comparison operators
 * (Debian's {@code r-base-core}). A string that R refuses, or that it reads with a warning (a
 * number beyond R's 32-bit integers becomes {@code NA}), counts as invalid.
 */
class CranDifferentialTest {

  private static final long SEED = 4222L;
  private static final int PAIRS = 3000;
  private static final String[] NUMBERS = {"0", "1", "2", "9", "10", "01", "00", "2147483647", "2147483648",
    "99999999999", ""};
  private static final String[] SEPARATORS = {".", ".", "-", "..", "_", " ", "a"};

  private static final String ORACLE = String.join("\n",
      "h2s <- function(h) if (nchar(h) == 0) '' else",
      "  rawToChar(as.raw(strtoi(substring(h, seq(1, nchar(h), 2), seq(2, nchar(h), 2)), 16L)))",
      "parse <- function(h) tryCatch(package_version(h2s(h)), error = function(e) NULL, warning = function(w) NULL)",
      "lines <- readLines(file('stdin'))",
      "out <- character(length(lines))",
      "for (i in seq_along(lines)) {",
      "  p <- strsplit(lines[i], '\\t', fixed = TRUE)[[1]]",
      "  a <- parse(p[1]); b <- parse(if (length(p) > 1) p[2] else '')",
      "  out[i] <- if (is.null(a) || is.null(b)) sprintf('%d %d x', !is.null(a), !is.null(b))",
      "    else sprintf('1 1 %d', if (a < b) -1L else if (a == b) 0L else 1L)",
      "}",
      "writeLines(out)");

  private final VersionScheme cran = new CranScheme();

  @Test
  void agreesWithPackageVersionOnGeneratedPairs(@TempDir Path workDir) throws Exception {
    ExternalRequirement.tool(ExternalOracle.works("Rscript", "-e", "package_version('1.0-1')"),
        "R (Debian package r-base-core; Rscript -e \"package_version('1.0-1')\" failed)");
    Random random = new Random(SEED);
    List<String[]> pairs = new ArrayList<>();
    for (int i = 0; i < PAIRS; i++) {
      String left = version(random);
      String right = switch (random.nextInt(3)) {
        case 0 -> left + (random.nextBoolean() ? ".0" : "-0");
        case 1 -> left.replace('.', '-');
        default -> version(random);
      };
      pairs.add(new String[] {left, right});
    }

    List<String> oracle = ExternalOracle.outcomes(List.of("Rscript", "-e", ORACLE), pairs, workDir);

    System.out.println("CRAN vs R package_version: " + ExternalOracle.summary(oracle));
    assertThat(oracle).hasSize(PAIRS);
    assertThat(ExternalOracle.disagreements(cran, pairs, oracle)).isEmpty();
    long invalid = oracle.stream().filter(line -> line.endsWith("x")).count();
    assertThat(invalid).as("some generated pairs are invalid, most valid").isBetween(PAIRS / 50L, PAIRS / 2L);
  }

  /** One to five numbers, mostly joined by '.' or '-', now and then by something R refuses. */
  private static String version(Random random) {
    StringBuilder text = new StringBuilder(NUMBERS[random.nextInt(5)]);
    int more = random.nextInt(5);
    for (int i = 0; i < more; i++) {
      String separator = SEPARATORS[random.nextInt(random.nextInt(8) == 0 ? SEPARATORS.length : 3)];
      String number = NUMBERS[random.nextInt(random.nextInt(8) == 0 ? NUMBERS.length : 7)];
      text.append(separator).append(number);
    }
    return text.toString();
  }
}
