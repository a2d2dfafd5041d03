package org.stellaops.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SHA-256 of what a set of input paths holds: for every regular file under them (directories
 * walked, names sorted), its path, size and content digest. Two runs over the same paths agree
 * on it exactly when no file was added, removed or changed in between; a resumed run needs that,
 * since its saved position counts documents of the bytes it first read.
 */
public final class InputDigest {
  private static final int BUFFER_BYTES = 1 << 16;

  private InputDigest() {}

  /** {@code sha256:HEX} over the files under {@code paths}. */
  public static String of(List<Path> paths) throws IOException {
    MessageDigest listing = sha256();
    for (Path root : paths) {
      Path absolute = root.toAbsolutePath().normalize();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(absolute)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        String line = file + "\0" + Files.size(file) + "\0" + contentSha256(file) + "\n";
        listing.update(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return "sha256:" + HexFormat.of().formatHex(listing.digest());
  }

  private static String contentSha256(Path file) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER_BYTES];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
