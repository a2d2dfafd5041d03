package org.stellaops.connectors.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The documents inside one .zip archive. Entries whose names could escape a directory
 * ({@code ..}, absolute paths, drive letters) are reported as unreadable, never read; the
 * archive's total uncompressed size and entry count are capped.
 */
final class ZipEntries implements AutoCloseable {
  private final Path file;
  private final ZipFile zip;
  private final Enumeration<? extends ZipEntry> entries;
  private final Set<String> extensions;
  private final SourceLimits limits;
  private long bytesRead;
  private int entriesSeen;
  private boolean exhausted;

  private ZipEntries(Path file, ZipFile zip, Set<String> extensions, SourceLimits limits) {
    this.file = file;
    this.zip = zip;
    this.entries = zip == null ? null : zip.entries();
    this.extensions = extensions;
    this.limits = limits;
  }

  static ZipEntries open(Path file, Set<String> extensions, SourceLimits limits) {
    try {
      return new ZipEntries(file, new ZipFile(file.toFile()), extensions, limits);
    } catch (IOException e) {
      return new ZipEntries(file, null, extensions, limits);
    }
  }

  static long count(Path file, Set<String> extensions, SourceLimits limits) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return Math.min(limits.maxArchiveEntries() + 1L,
          zip.stream().filter(e -> !e.isDirectory() && DocumentWalker.hasExtension(e.getName(), extensions)).count());
    } catch (IOException e) {
      return 1;
    }
  }

  Optional<SourceDocument> next(boolean read) {
    if (exhausted) {
      return Optional.empty();
    }
    if (zip == null) {
      exhausted = true;
      return Optional.of(SourceDocument.unreadable(file.toString(), "not a readable .zip archive"));
    }
    while (entries.hasMoreElements()) {
      ZipEntry entry = entries.nextElement();
      if (entry.isDirectory() || !DocumentWalker.hasExtension(entry.getName(), extensions)) {
        continue;
      }
      String source = file + "!/" + entry.getName();
      if (++entriesSeen > limits.maxArchiveEntries()) {
        exhausted = true;
        return Optional.of(SourceDocument.unreadable(source, "the archive has more than "
            + limits.maxArchiveEntries() + " documents; the rest are not read"));
      }
      if (isUnsafe(entry.getName())) {
        return Optional.of(SourceDocument.unreadable(source, "unsafe entry name in archive (absolute or contains '..')"));
      }
      // Skipping still reads (and counts) the entry, so a resumed run meets the archive cap exactly
      // where a complete run would.
      SourceDocument document = readEntry(entry, source);
      return Optional.of(read ? document : SourceDocument.readable(source, new byte[0]));
    }
    exhausted = true;
    return Optional.empty();
  }

  private SourceDocument readEntry(ZipEntry entry, String source) {
    long remaining = limits.maxArchiveBytes() - bytesRead;
    if (remaining <= 0) {
      return SourceDocument.unreadable(source, "the archive's uncompressed size exceeds the limit of "
          + limits.maxArchiveBytes() + " bytes");
    }
    try (InputStream in = zip.getInputStream(entry)) {
      boolean archiveCapBinds = remaining < limits.maxDocumentBytes();
      SourceDocument document = BoundedRead.read(source, in, Math.min(limits.maxDocumentBytes(), remaining));
      if (document.failure().isPresent() && archiveCapBinds) {
        bytesRead = limits.maxArchiveBytes();
        return SourceDocument.unreadable(source, "the archive's uncompressed size exceeds the limit of "
            + limits.maxArchiveBytes() + " bytes");
      }
      bytesRead += document.bytes().length;
      return document;
    } catch (IOException | RuntimeException e) {
      return SourceDocument.unreadable(source, "cannot read the archive entry: " + e.getMessage());
    }
  }

  static boolean isUnsafe(String name) {
    String normal = name.replace('\\', '/');
    if (normal.startsWith("/") || (normal.length() > 1 && normal.charAt(1) == ':')) {
      return true;
    }
    for (String segment : normal.split("/")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      if (zip != null) {
        zip.close();
      }
    } catch (IOException e) {
      // Closing a read-only archive cannot lose data; nothing to report.
    }
  }
}
