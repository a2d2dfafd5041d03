package org.stellaops.engine.version;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Composer's version normalisation ({@code VersionParser::normalize}), for orderable versions only. */
final class ComposerVersionNormalizer {

  private static final String MODIFIER =
      "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
  private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$");
  private static final Pattern STABILITY_FLAG =
      Pattern.compile("@(?:stable|RC|beta|alpha|dev)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BUILD = Pattern.compile("^([^,\\s+]++)\\+\\S++$");
  private static final Pattern CLASSICAL =
      Pattern.compile("^v?(\\d{1,5}+)(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE = Pattern.compile(
      "^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3}){0,2})" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DEV_SUFFIX = Pattern.compile("^(.*?)[.-]?dev$", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMERIC_BRANCH = Pattern.compile(
      "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", Pattern.CASE_INSENSITIVE);

  private ComposerVersionNormalizer() {}

  /** The normalised form, e.g. {@code 1.2.0.0-beta1}; throws for branch names and non-versions. */
  static String normalize(String version) {
    requireNonNull(version, "version is null");
    String text = trimPhp(version);
    Matcher alias = ALIAS.matcher(text);
    if (alias.matches()) {
      text = alias.group(1);
    }
    Matcher flag = STABILITY_FLAG.matcher(text);
    if (flag.find()) {
      text = text.substring(0, flag.start());
    }
    if (text.equals("master") || text.equals("trunk") || text.equals("default")
        || text.regionMatches(true, 0, "dev-", 0, 4)) {
      throw new UnparseableVersionException(
          version, "'" + text + "' is a branch, which Composer does not order against versions");
    }
    Matcher build = BUILD.matcher(text);
    if (build.matches()) {
      text = build.group(1);
    }
    Matcher classical = CLASSICAL.matcher(text);
    if (classical.matches()) {
      String numbers = classical.group(1) + part(classical.group(2)) + part(classical.group(3)) + part(classical.group(4));
      return withModifiers(numbers, classical, 5);
    }
    Matcher date = DATE.matcher(text);
    if (date.matches()) {
      return withModifiers(date.group(1).replaceAll("\\D", "."), date, 2);
    }
    Matcher devSuffix = DEV_SUFFIX.matcher(text);
    if (devSuffix.matches()) {
      Matcher branch = NUMERIC_BRANCH.matcher(trimPhp(devSuffix.group(1)));
      if (branch.matches()) {
        return numericBranch(branch);
      }
    }
    throw new UnparseableVersionException(version, "not a Composer version (expected e.g. 1.2.3, v1.2.3-beta1, 1.2.x-dev)");
  }

  private static String part(String group) {
    return group == null || group.isEmpty() ? ".0" : group;
  }

  private static String withModifiers(String numbers, Matcher matcher, int index) {
    String stability = matcher.group(index);
    String result = numbers;
    if (stability != null && !stability.isEmpty()) {
      if (stability.equals("stable")) {
        return result;
      }
      String number = matcher.group(index + 1) == null ? "" : matcher.group(index + 1).replaceFirst("^[.-]+", "");
      result += "-" + expandStability(stability) + number;
    }
    String dev = matcher.group(index + 2);
    return dev == null || dev.isEmpty() ? result : result + "-dev";
  }

  private static String expandStability(String stability) {
    String lower = stability.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "a" -> "alpha";
      case "b" -> "beta";
      case "p", "pl" -> "patch";
      case "rc" -> "RC";
      default -> lower;
    };
  }

  /** {@code 2.1.x} becomes {@code 2.1.9999999.9999999-dev}: a dev branch above every 2.1 release. */
  private static String numericBranch(Matcher branch) {
    StringBuilder normalized = new StringBuilder(branch.group(1));
    for (int i = 2; i <= 4; i++) {
      String group = branch.group(i);
      normalized.append(group == null ? ".x" : group.replace('*', 'x').replace('X', 'x'));
    }
    return normalized.toString().replace("x", "9999999") + "-dev";
  }

  /** PHP's {@code trim}: space, tab, LF, CR, NUL and vertical tab. */
  private static String trimPhp(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isPhpSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isPhpSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isPhpSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\u000B';
  }
}
