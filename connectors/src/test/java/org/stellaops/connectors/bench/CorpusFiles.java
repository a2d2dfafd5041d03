package org.stellaops.connectors.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads a generated corpus back for assertions. */
final class CorpusFiles {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private CorpusFiles() {}

  /** SHA-256 of every regular file under {@code root}, keyed by its relative path. */
  static Map<String, String> digests(Path root) throws IOException {
    Map<String, String> digests = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        digests.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
      }
    }
    return digests;
  }

  /** The entries of one archive in stored order, parsed, keyed by entry name. */
  static Map<String, JsonNode> entries(Path archive) throws IOException {
    Map<String, JsonNode> entries = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), MAPPER.readTree(zip.readAllBytes()));
      }
    }
    return entries;
  }

  /** Every SBOM under {@code sbomDirectory}, parsed, in file-name order. */
  static List<JsonNode> sboms(Path sbomDirectory) throws IOException {
    List<JsonNode> sboms = new ArrayList<>();
    try (Stream<Path> files = Files.list(sbomDirectory)) {
      for (Path file : files.sorted().toList()) {
        sboms.add(MAPPER.readTree(file.toFile()));
      }
    }
    return sboms;
  }

  static long totalSize(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
