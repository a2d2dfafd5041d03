package org.stellaops.connectors.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.sbom.Sbom;

/**
 * Reads an SBOM of any supported format (CycloneDX 1.x JSON or XML, SPDX 2.x JSON), recognised
 * from its content, into an {@link Sbom}. The same bytes always give an equal record. Size limits
 * are the caller's; hostile XML (DTDs, entities) is refused. Safe to share between threads.
 */
public final class SbomReader {
  static final String UNKNOWN_FORMAT = "not a supported SBOM: expected CycloneDX JSON (\"bomFormat\": \"CycloneDX\"), "
      + "CycloneDX XML (root <bom> in namespace " + CycloneDxXmlPruner.NAMESPACE_PREFIX + "1.x) "
      + "or SPDX 2.x JSON (\"spdxVersion\")";

  private final CycloneDxSbomReader cycloneDx = new CycloneDxSbomReader();
  private final SpdxSbomReader spdx = new SpdxSbomReader();

  /**
   * Reads {@code bytes}; {@code source} names the document in error messages (a file name).
   *
   * @throws DocumentException when the document is empty, of no supported format, malformed
   *     (with line and column), or breaks a rule of its format (with the path to the field)
   */
  public Sbom read(String source, byte[] bytes) throws DocumentException {
    Objects.requireNonNull(source, "source is null");
    Objects.requireNonNull(bytes, "bytes is null");
    String sha256 = sha256(bytes);
    int first = firstSignificantByte(bytes);
    if (first < 0) {
      throw new DocumentException(source, "", "the document is empty");
    }
    if (bytes[first] == '<') {
      return cycloneDx.readXml(source, bytes, sha256);
    }
    if (bytes[first] != '{' && bytes[first] != '[') {
      throw new DocumentException(
          source, "", UNKNOWN_FORMAT + "; the content starts with neither '{' (JSON) nor '<' (XML)");
    }
    return readJson(source, JsonDocuments.readTree(source, bytes), sha256);
  }

  private Sbom readJson(String source, JsonNode root, String sha256) throws DocumentException {
    if (!root.isObject()) {
      throw new DocumentException(source, "", "expected a JSON object at the root, found " + describe(root));
    }
    if ("CycloneDX".equals(root.path("bomFormat").asText(null))) {
      return cycloneDx.readJson(source, root, sha256);
    }
    if (root.has("spdxVersion")) {
      return spdx.read(source, root, sha256);
    }
    throw new DocumentException(source, "", UNKNOWN_FORMAT);
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Index of the first byte that is not whitespace or a UTF-8 byte order mark, or -1. */
  private static int firstSignificantByte(byte[] bytes) {
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF
        ? 3
        : 0;
    for (int i = start; i < bytes.length; i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return i;
      }
    }
    return -1;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
