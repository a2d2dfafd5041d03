package org.stellaops.exports.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A bundle as one file to download or carry: a {@code .tar.zst} whose entries all sit under one
 * folder, {@code stella-export-<first 12 hex digits of the export id>/}. The bytes depend only on
 * the bundle: entries sorted by path, owner 0, modes 0644/0755, every time the manifest's
 * {@code createdAt} (the snapshot's seal time), zstd level 3 with a checksum.
 *
 * <p>Reading one back is done as for any file from elsewhere: only folders and regular files,
 * only relative paths that stay inside the folder, at most {@code maxBytes} unpacked, every entry
 * under the one top folder; anything else is refused with the entry named.
 */
public final class BundleArchive {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BundleArchive() {}

  /** The archive was refused: names the archive, the entry and the reason. */
  public static final class Refused extends IOException {
    public Refused(String message) {
      super(message);
    }
  }

  /** Writes {@code bundle} as {@code archive} (written beside it and renamed into place); returns the archive's sha256. */
  public static String write(Path bundle, Path archive) throws IOException {
    byte[] manifest = Files.readAllBytes(bundle.resolve(JsonBundle.MANIFEST));
    String exportId = HexFormat.of().formatHex(JsonlShards.sha256().digest(manifest));
    Instant time = Instant.parse(JSON.readTree(manifest).path("createdAt").asText("1970-01-01T00:00:00Z"));
    String top = "stella-export-" + exportId.substring(0, 12) + "/";
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(bundle)) {
      paths = walk.filter(p -> !p.equals(bundle)).sorted((a, b) -> relative(bundle, a).compareTo(relative(bundle, b))).toList();
    }
    Path parent = archive.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path partial = parent.resolve("." + archive.getFileName() + ".partial-" + ProcessHandle.current().pid());
    java.security.MessageDigest digest = JsonlShards.sha256();
    try {
      try (OutputStream file = new java.security.DigestOutputStream(Files.newOutputStream(partial), digest);
          ZstdOutputStream zstd = new ZstdOutputStream(new BufferedOutputStream(file, 1 << 16), JsonlShards.LEVEL);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(zstd, "UTF-8")) {
        zstd.setChecksum(true);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.putArchiveEntry(entry(top, 0, time, true));
        tar.closeArchiveEntry();
        for (Path p : paths) {
          boolean dir = Files.isDirectory(p);
          if (!dir && !Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(p + ": a bundle holds only folders and regular files");
          }
          tar.putArchiveEntry(entry(top + relative(bundle, p) + (dir ? "/" : ""), dir ? 0 : Files.size(p), time, dir));
          if (!dir) {
            Files.copy(p, tar);
          }
          tar.closeArchiveEntry();
        }
        tar.finish();
      }
      Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  private static TarArchiveEntry entry(String name, long size, Instant time, boolean dir) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(dir ? 040755 : 0100644);
    entry.setSize(size);
    entry.setModTime(Date.from(time));
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("");
    entry.setGroupName("");
    return entry;
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  /** Whether {@code path} names an archive rather than a bundle folder. */
  public static boolean isArchive(Path path) {
    return Files.isRegularFile(path) && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar.zst");
  }

  /**
   * Unpacks {@code archive} into the empty folder {@code into}; returns the bundle folder (the
   * archive's one top folder).
   */
  public static Path extract(Path archive, Path into, long maxBytes) throws IOException {
    Files.createDirectories(into);
    String top = null;
    long total = 0;
    try (InputStream in = new ZstdInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16));
        TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String name = e.getName();
        if (!e.isDirectory() && !e.isFile() || e.isSymbolicLink() || e.isLink()) {
          throw new Refused(archive + ": entry " + name + ": only folders and regular files are allowed in a bundle archive");
        }
        if (name.startsWith("/") || name.contains("\\") || List.of(name.split("/")).contains("..") || name.contains("\0")) {
          throw new Refused(archive + ": entry " + name + ": a path outside the bundle folder");
        }
        String first = name.contains("/") ? name.substring(0, name.indexOf('/') + 1) : name + "/";
        if (top == null) {
          top = first;
        } else if (!top.equals(first)) {
          throw new Refused(archive + ": entry " + name + ": outside the archive's one top folder " + top);
        }
        Path target = into.resolve(name).normalize();
        if (!target.startsWith(into.normalize())) {
          throw new Refused(archive + ": entry " + name + ": a path outside the bundle folder");
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        total += e.getSize();
        if (e.getSize() < 0 || total > maxBytes) {
          throw new Refused(archive + ": entry " + name + ": the archive unpacks to more than " + maxBytes + " bytes (the limit)");
        }
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
          throw new Refused(archive + ": entry " + name + ": appears twice");
        }
        long copied;
        try (OutputStream out = Files.newOutputStream(target)) {
          copied = tar.transferTo(out);
        }
        if (copied != e.getSize()) {
          throw new Refused(archive + ": entry " + name + ": truncated (" + copied + " of " + e.getSize() + " bytes)");
        }
      }
    } catch (Refused r) {
      throw r;
    } catch (IOException e) {
      throw new Refused(archive + ": not a readable .tar.zst: " + e.getMessage());
    }
    if (top == null) {
      throw new Refused(archive + ": an empty archive");
    }
    return into.resolve(top);
  }
}
