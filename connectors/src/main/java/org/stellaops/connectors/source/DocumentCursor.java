package org.stellaops.connectors.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the documents of a {@link DocumentWalker} one at a time. {@link #skip} moves past
 * documents without reading them, so a restarted job resumes cheaply.
 */
public final class DocumentCursor implements AutoCloseable {
  private final List<Path> files;
  private final Set<String> extensions;
  private final SourceLimits limits;
  private int fileIndex;
  private ZipEntries archive;

  DocumentCursor(List<Path> files, Set<String> extensions, SourceLimits limits) {
    this.files = files;
    this.extensions = extensions;
    this.limits = limits;
  }

  /** The next document, or empty at the end. */
  public Optional<SourceDocument> next() {
    return advance(true);
  }

  /** Moves past up to {@code count} documents without reading them; returns how many were passed. */
  public long skip(long count) {
    long skipped = 0;
    while (skipped < count && advance(false).isPresent()) {
      skipped++;
    }
    return skipped;
  }

  private Optional<SourceDocument> advance(boolean read) {
    while (true) {
      if (archive != null) {
        Optional<SourceDocument> entry = archive.next(read);
        if (entry.isPresent()) {
          return entry;
        }
        archive.close();
        archive = null;
      }
      if (fileIndex >= files.size()) {
        return Optional.empty();
      }
      Path file = files.get(fileIndex++);
      if (DocumentWalker.isArchive(file.toString())) {
        archive = ZipEntries.open(file, extensions, limits);
        continue;
      }
      return Optional.of(read ? readFile(file) : SourceDocument.readable(file.toString(), new byte[0]));
    }
  }

  private SourceDocument readFile(Path file) {
    String source = file.toString();
    try {
      long size = Files.size(file);
      if (size > limits.maxDocumentBytes()) {
        return SourceDocument.unreadable(source, "the document is " + size + " bytes, over the limit of "
            + limits.maxDocumentBytes() + " bytes");
      }
      try (InputStream in = Files.newInputStream(file)) {
        return BoundedRead.read(source, in, limits.maxDocumentBytes());
      }
    } catch (IOException e) {
      return SourceDocument.unreadable(source, "cannot read the file: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (archive != null) {
      archive.close();
      archive = null;
    }
  }
}
