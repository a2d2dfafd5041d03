package org.stellaops.connectors.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the documents in files, directories and .zip archives, in a deterministic order: inputs
 * as given, directory entries sorted by path, archive entries in archive order. Inside
 * directories and archives only names with one of {@code extensions} are taken; a file named
 * directly is always taken.
 */
public final class DocumentWalker {
  private final List<Path> files;
  private final Set<String> extensions;
  private final SourceLimits limits;

  private DocumentWalker(List<Path> files, Set<String> extensions, SourceLimits limits) {
    this.files = files;
    this.extensions = extensions;
    this.limits = limits;
  }

  /**
   * Resolves {@code inputs} to the files to read.
   *
   * @throws NoSuchFileException when an input does not exist
   */
  public static DocumentWalker of(List<Path> inputs, Set<String> extensions, SourceLimits limits) throws IOException {
    Objects.requireNonNull(inputs, "inputs is null");
    Set<String> lowered = Set.copyOf(extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList());
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new NoSuchFileException(input.toString(), null, "no such file or directory");
      }
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !isHidden(input.relativize(p)))
              .filter(p -> isArchive(p.toString()) || hasExtension(p.toString(), lowered))
              .sorted()
              .forEach(files::add);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      } else {
        files.add(input);
      }
    }
    return new DocumentWalker(List.copyOf(files), lowered, Objects.requireNonNull(limits, "limits is null"));
  }

  /** The files to read (archives count as one file here). */
  public List<Path> files() {
    return files;
  }

  /** How many documents {@link #cursor()} will yield, without reading their contents. */
  public long count() {
    long count = 0;
    for (Path file : files) {
      count += isArchive(file.toString()) ? ZipEntries.count(file, extensions, limits) : 1;
    }
    return count;
  }

  /** A fresh cursor at the first document; close it when done. */
  public DocumentCursor cursor() {
    return new DocumentCursor(files, extensions, limits);
  }

  /** Hidden files and anything inside hidden folders ({@code .git/}) are not inputs. */
  private static boolean isHidden(Path relative) {
    for (Path segment : relative) {
      if (segment.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static boolean isArchive(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".zip");
  }

  static boolean hasExtension(String name, Set<String> extensions) {
    String lower = name.toLowerCase(Locale.ROOT);
    return extensions.stream().anyMatch(lower::endsWith);
  }
}
