package org.stellaops.connectors.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL's binaries live in a directory only this user can write. */
class EmbeddedBinariesTest {

  @Test
  void createsAPrivateDirectory(@TempDir Path dir) throws IOException {
    Path created = EmbeddedBinaries.checked(dir.resolve("cache").resolve("embedded-pg"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rwx------");
    assertThat(EmbeddedBinaries.checked(created)).as("an existing private directory is accepted").isEqualTo(created);
  }

  @Test
  void refusesAWorldWritableDirectory(@TempDir Path dir) throws IOException {
    Path shared = Files.createDirectory(dir.resolve("embedded-pg"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> EmbeddedBinaries.checked(shared)).isInstanceOf(IOException.class)
        .hasMessageContaining("others may write to it (rwxrwxrwx)");
  }

  @Test
  void refusesASymbolicLink(@TempDir Path dir) throws IOException {
    Path target = Files.createDirectory(dir.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(dir.resolve("embedded-pg"), target);
    assertThatThrownBy(() -> EmbeddedBinaries.checked(link)).hasMessageContaining("not a plain directory");
  }

  @Test
  void theDefaultIsUnderTheUsersHomeAndPrivate() throws IOException {
    Path directory = EmbeddedBinaries.directory();
    String cache = System.getenv("XDG_CACHE_HOME");
    Path expected = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    assertThat(directory).isEqualTo(expected.toAbsolutePath().resolve("stella").resolve("embedded-pg"));
    assertThat(directory.toString()).doesNotStartWith("/tmp/embedded-pg");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.getParent()))).as("no one else may write to it").matches("rwx.-..-.");
  }
}
