package org.stellaops.connectors.sbom;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds image digests where SBOM tools write them, normalised to {@code sha256:<64 lowercase hex>}. */
final class ImageDigests {
  private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-fA-F]{64})");
  private static final Pattern TRAILING_DIGEST = Pattern.compile("@sha256:([0-9a-fA-F]{64})$");

  private ImageDigests() {}

  /** {@code sha256:<hex>} in any case, else empty. */
  static Optional<String> fromDigest(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher matcher = DIGEST.matcher(text.trim());
    return matcher.matches() ? Optional.of(normalised(matcher.group(1))) : Optional.empty();
  }

  /** The digest version of an image purl ({@code pkg:oci/name@sha256%3A<hex>?...}), else empty. */
  static Optional<String> fromImagePurl(String purl) {
    int at = purl == null ? -1 : purl.lastIndexOf('@');
    if (!isImagePurl(purl) || at < 0) {
      return Optional.empty();
    }
    String version = purl.substring(at + 1, firstOf(purl, at + 1, '?', '#'));
    try {
      return fromDigest(URLDecoder.decode(version, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException badEscape) {
      return Optional.empty();
    }
  }

  /** The digest at the end of an image reference ({@code repo/name@sha256:<hex>}), else empty. */
  static Optional<String> fromReference(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    Matcher matcher = TRAILING_DIGEST.matcher(reference.trim());
    return matcher.find() ? Optional.of(normalised(matcher.group(1))) : Optional.empty();
  }

  /** True for purls that name a container image rather than a package. */
  static boolean isImagePurl(String purl) {
    return purl != null && (purl.startsWith("pkg:oci/") || purl.startsWith("pkg:docker/"));
  }

  private static String normalised(String hex) {
    return "sha256:" + hex.toLowerCase(Locale.ROOT);
  }

  private static int firstOf(String text, int from, char first, char second) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == first || c == second) {
        return i;
      }
    }
    return text.length();
  }
}
