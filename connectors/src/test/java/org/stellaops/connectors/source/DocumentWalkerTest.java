package org.stellaops.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.DocumentException;

class DocumentWalkerTest {
  private static final Set<String> JSON_AND_YAML = Set.of(".json", ".yaml");

  @TempDir
  Path dir;

  @Test
  void aDirectoryIsWalkedInSortedOrderAndFilteredByExtension() throws IOException {
    write("b.json", "{}");
    write("a.json", "{\"a\":1}");
    write("sub/c.YAML", "c: 1");
    write("README.md", "# readme");
    write("notes.txt", "text");
    write(".hidden.json", "{}");

    DocumentWalker walker = DocumentWalker.of(List.of(dir), JSON_AND_YAML, SourceLimits.DEFAULT);

    assertThat(walker.files()).containsExactly(dir.resolve("a.json"), dir.resolve("b.json"), dir.resolve("sub/c.YAML"));
    List<SourceDocument> documents = readAll(walker);
    assertThat(documents).extracting(SourceDocument::source)
        .containsExactly(dir.resolve("a.json").toString(), dir.resolve("b.json").toString(),
            dir.resolve("sub/c.YAML").toString());
    assertThat(new String(documents.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(documents).allSatisfy(d -> assertThat(d.failure()).isEmpty());
  }

  @Test
  void aFileNamedDirectlyIsAlwaysTaken() throws IOException {
    Path readme = write("README.md", "# readme");
    Path hidden = write(".hidden.json", "{}");

    DocumentWalker walker = DocumentWalker.of(List.of(readme, hidden), JSON_AND_YAML, SourceLimits.DEFAULT);

    assertThat(walker.files()).containsExactly(readme, hidden);
    assertThat(readAll(walker)).extracting(d -> new String(d.bytes(), StandardCharsets.UTF_8))
        .containsExactly("# readme", "{}");
  }

  @Test
  void inputsKeepTheOrderTheyWereGiven() throws IOException {
    Path second = write("z/2.json", "{}");
    Path first = write("a/1.json", "{}");

    DocumentWalker walker = DocumentWalker.of(List.of(second, dir.resolve("a")), JSON_AND_YAML, SourceLimits.DEFAULT);

    assertThat(walker.files()).containsExactly(second, first);
  }

  @Test
  void aMissingInputIsNoSuchFile() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> DocumentWalker.of(List.of(missing), JSON_AND_YAML, SourceLimits.DEFAULT))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such file or directory");
  }

  @Test
  void zipEntriesAreYieldedInArchiveOrder() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("b.json", "{\"b\":1}");
    entries.put("docs/", "");
    entries.put("docs/readme.md", "skip me");
    entries.put("a.json", "{\"a\":1}");
    entries.put("nested/c.yaml", "c: 1");
    Path zip = zip("archive.zip", entries);

    DocumentWalker walker = DocumentWalker.of(List.of(zip), JSON_AND_YAML, SourceLimits.DEFAULT);
    List<SourceDocument> documents = readAll(walker);

    assertThat(documents).extracting(SourceDocument::source)
        .containsExactly(zip + "!/b.json", zip + "!/a.json", zip + "!/nested/c.yaml");
    assertThat(documents).extracting(d -> new String(d.bytes(), StandardCharsets.UTF_8))
        .containsExactly("{\"b\":1}", "{\"a\":1}", "c: 1");
    assertThat(walker.count()).isEqualTo(3);
  }

  @Test
  void aZipInsideADirectoryIsOpened() throws IOException {
    write("a.json", "{}");
    Path zip = zip("feed.zip", Map.of("x.json", "{}"));

    DocumentWalker walker = DocumentWalker.of(List.of(dir), JSON_AND_YAML, SourceLimits.DEFAULT);

    assertThat(readAll(walker)).extracting(SourceDocument::source)
        .containsExactly(dir.resolve("a.json").toString(), zip + "!/x.json");
  }

  @Test
  void anEntryEscapingTheArchiveIsReportedUnsafeAndNotRead() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("../evil.json", "{\"evil\":true}");
    entries.put("/etc/abs.json", "{}");
    entries.put("ok.json", "{}");
    Path zip = zip("archive.zip", entries);

    List<SourceDocument> documents = readAll(DocumentWalker.of(List.of(zip), JSON_AND_YAML, SourceLimits.DEFAULT));

    assertThat(documents).hasSize(3);
    SourceDocument evil = documents.get(0);
    assertThat(evil.source()).isEqualTo(zip + "!/../evil.json");
    assertThat(evil.bytes()).isEmpty();
    assertThat(evil.failure()).get().satisfies(e -> {
      assertThat(e.source()).isEqualTo(zip + "!/../evil.json");
      assertThat(e).hasMessage("Cannot read " + zip + "!/../evil.json: unsafe entry name in archive (absolute or contains '..')");
    });
    assertThat(documents.get(1).failure()).get()
        .satisfies(e -> assertThat(e.getMessage()).contains("unsafe entry name"));
    assertThat(documents.get(2).failure()).isEmpty();
  }

  @Test
  void aFileOverTheDocumentLimitIsAFailure() throws IOException {
    Path big = write("big.json", "x".repeat(20));
    write("small.json", "{}");

    List<SourceDocument> documents = readAll(DocumentWalker.of(List.of(dir), JSON_AND_YAML, limits(10, 1000, 100)));

    assertThat(documents).hasSize(2);
    assertThat(documents.get(0).bytes()).isEmpty();
    assertThat(documents.get(0).failure()).get().satisfies(e -> assertThat(e)
        .hasMessage("Cannot read " + big + ": the document is 20 bytes, over the limit of 10 bytes"));
    assertThat(documents.get(1).failure()).isEmpty();
  }

  @Test
  void anArchiveEntryOverTheDocumentLimitIsAFailure() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("big.json", "x".repeat(20));
    entries.put("exact.json", "y".repeat(10));
    Path zip = zip("archive.zip", entries);

    List<SourceDocument> documents = readAll(DocumentWalker.of(List.of(zip), JSON_AND_YAML, limits(10, 1000, 100)));

    assertThat(documents.get(0).failure()).get().satisfies(e -> assertThat(e)
        .hasMessage("Cannot read " + zip + "!/big.json: the document is larger than the limit of 10 bytes"));
    assertThat(documents.get(1).failure()).isEmpty();
    assertThat(documents.get(1).bytes()).hasSize(10);
  }

  @Test
  void entriesPastTheArchiveTotalAreFailures() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String name : List.of("1.json", "2.json", "3.json", "4.json")) {
      entries.put(name, "z".repeat(10));
    }
    Path zip = zip("archive.zip", entries);

    List<SourceDocument> documents = readAll(DocumentWalker.of(List.of(zip), JSON_AND_YAML, limits(100, 20, 100)));

    assertThat(documents).hasSize(4);
    assertThat(documents.subList(0, 2)).allSatisfy(d -> assertThat(d.failure()).isEmpty());
    assertThat(documents.subList(2, 4)).allSatisfy(d -> assertThat(d.failure()).get().satisfies(e -> assertThat(e)
        .hasMessage("Cannot read " + d.source() + ": the archive's uncompressed size exceeds the limit of 20 bytes")));
  }

  @Test
  void anEntryCrossingTheArchiveTotalNamesTheArchiveLimit() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String name : List.of("1.json", "2.json", "3.json")) {
      entries.put(name, "z".repeat(10));
    }
    Path zip = zip("archive.zip", entries);

    List<SourceDocument> documents = readAll(DocumentWalker.of(List.of(zip), JSON_AND_YAML, limits(100, 25, 100)));

    // The third entry would take the archive to 30 bytes, past its limit of 25; the message must
    // name that limit, not the 5 bytes that happened to be left.
    assertThat(documents.get(2).failure()).get().satisfies(e -> assertThat(e.getMessage())
        .startsWith("Cannot read " + zip + "!/3.json: ")
        .contains("archive")
        .contains("25 bytes"));
  }

  @Test
  void anArchiveWithTooManyDocumentsStopsWithOneFailure() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      entries.put(i + ".json", "{}");
    }
    Path zip = zip("many.zip", entries);
    DocumentWalker walker = DocumentWalker.of(List.of(zip), JSON_AND_YAML, limits(100, 1000, 3));

    List<SourceDocument> documents = readAll(walker);

    assertThat(documents).hasSize(4);
    assertThat(documents.get(3).failure()).get().satisfies(e -> assertThat(e)
        .hasMessage("Cannot read " + zip + "!/3.json: the archive has more than 3 documents; the rest are not read"));
    assertThat(walker.count()).isEqualTo(documents.size());
  }

  @Test
  void aCorruptZipIsOneFailure() throws IOException {
    byte[] noise = new byte[512];
    new Random(7).nextBytes(noise);
    Path corrupt = dir.resolve("corrupt.zip");
    Files.write(corrupt, noise);

    DocumentWalker walker = DocumentWalker.of(List.of(corrupt), JSON_AND_YAML, SourceLimits.DEFAULT);
    List<SourceDocument> documents = readAll(walker);

    assertThat(documents).singleElement().satisfies(d -> {
      assertThat(d.source()).isEqualTo(corrupt.toString());
      assertThat(d.failure()).get().satisfies(e -> assertThat(e)
          .hasMessage("Cannot read " + corrupt + ": not a readable .zip archive"));
    });
    assertThat(walker.count()).isEqualTo(1);
  }

  @Test
  void countMatchesWhatTheCursorYields() throws IOException {
    DocumentWalker walker = mixedInputs();

    assertThat(walker.count()).isEqualTo(readAll(walker).size()).isEqualTo(7);
  }

  @Test
  void skipThenNextGivesTheFollowingDocument() throws IOException {
    DocumentWalker walker = mixedInputs();
    List<SourceDocument> all = readAll(walker);

    for (int skipped = 0; skipped <= all.size(); skipped++) {
      int n = skipped;
      try (DocumentCursor cursor = walker.cursor()) {
        assertThat(cursor.skip(n)).isEqualTo(n);
        Optional<SourceDocument> next = cursor.next();
        if (n < all.size()) {
          assertThat(next).as("document after skipping %d", n).get()
              .satisfies(d -> {
                assertThat(d.source()).isEqualTo(all.get(n).source());
                assertThat(d.bytes()).isEqualTo(all.get(n).bytes());
                assertThat(d.failure().map(DocumentException::getMessage))
                    .isEqualTo(all.get(n).failure().map(DocumentException::getMessage));
              });
        } else {
          assertThat(next).isEmpty();
        }
      }
    }
  }

  @Test
  void skipThenNextAgreesWithAFullReadUnderTheArchiveTotal() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String name : List.of("1.json", "2.json", "3.json")) {
      entries.put(name, "z".repeat(10));
    }
    Path zip = zip("archive.zip", entries);
    DocumentWalker walker = DocumentWalker.of(List.of(zip), JSON_AND_YAML, limits(100, 20, 100));
    SourceDocument third = readAll(walker).get(2);
    assertThat(third.failure()).get().satisfies(e -> assertThat(e)
        .hasMessage("Cannot read " + zip + "!/3.json: the archive's uncompressed size exceeds the limit of 20 bytes"));

    // A restarted job skips what it already processed; the document it resumes at must be the
    // same as in an uninterrupted run, including whether it is over the archive limit.
    try (DocumentCursor cursor = walker.cursor()) {
      cursor.skip(2);
      assertThat(cursor.next()).get().satisfies(d -> {
        assertThat(d.source()).isEqualTo(third.source());
        assertThat(d.failure().map(DocumentException::getMessage)).isEqualTo(third.failure().map(DocumentException::getMessage));
      });
    }
  }

  @Test
  void skipPastTheEndReportsHowManyWereSkipped() throws IOException {
    try (DocumentCursor cursor = mixedInputs().cursor()) {
      assertThat(cursor.skip(100)).isEqualTo(7);
      assertThat(cursor.next()).isEmpty();
    }
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new SourceLimits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDocumentBytes must be between 1 and 2 GiB, got 0");
    assertThatThrownBy(() -> new SourceLimits(1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxArchiveBytes must be positive, got 0");
    assertThatThrownBy(() -> new SourceLimits(1, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxArchiveEntries must be positive, got -1");
  }

  /** a.json, first.zip (x, ../bad, y), m.yaml, broken.zip, z.json: seven documents. */
  private DocumentWalker mixedInputs() throws IOException {
    write("a.json", "{\"a\":1}");
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("x.json", "{\"x\":1}");
    entries.put("../bad.json", "{}");
    entries.put("y.json", "{\"y\":1}");
    zip("first.zip", entries);
    write("m.yaml", "m: 1");
    Files.write(dir.resolve("n-broken.zip"), new byte[] {1, 2, 3, 4});
    write("z.json", "{\"z\":1}");
    return DocumentWalker.of(List.of(dir), JSON_AND_YAML, SourceLimits.DEFAULT);
  }

  private static List<SourceDocument> readAll(DocumentWalker walker) {
    List<SourceDocument> documents = new ArrayList<>();
    try (DocumentCursor cursor = walker.cursor()) {
      for (Optional<SourceDocument> next = cursor.next(); next.isPresent(); next = cursor.next()) {
        documents.add(next.get());
      }
    }
    return documents;
  }

  private static SourceLimits limits(long maxDocumentBytes, long maxArchiveBytes, int maxArchiveEntries) {
    return new SourceLimits(maxDocumentBytes, maxArchiveBytes, maxArchiveEntries);
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private Path zip(String name, Map<String, String> entries) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return file;
  }
}
