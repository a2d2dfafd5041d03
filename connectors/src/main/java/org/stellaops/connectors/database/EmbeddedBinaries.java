package org.stellaops.connectors.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where the embedded PostgreSQL's binaries are unpacked: a directory of the current user's own
 * ({@code $XDG_CACHE_HOME/stella/embedded-pg}, else {@code ~/.cache/stella/embedded-pg}), never a
 * shared writable place such as {@code /tmp/embedded-pg}, where any local user could replace the
 * binaries another user (root included) will execute.
 *
 * <p>Its parent ({@code .../stella}) is created with mode 0700; a parent that is not a plain
 * directory owned by this user, or that others may write to, is refused. zonky grants write
 * permission to everyone on the directory it unpacks into; inside a private parent nobody else
 * can reach it, and it is reset to 0700 before each start anyway.
 */
public final class EmbeddedBinaries {
  private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_WRITE);

  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  private EmbeddedBinaries() {}

  /** The checked per-user directory, created if needed. */
  public static Path directory() throws IOException {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
    requireNotSharedWritable(base.toAbsolutePath());
    Path parent = checked(base.resolve("stella"));
    Path directory = parent.resolve("embedded-pg");
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
    }
    if (Files.isSymbolicLink(directory) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("Refusing to unpack PostgreSQL binaries into " + directory + ": it is not a plain directory");
    }
    Files.setPosixFilePermissions(directory, PRIVATE);
    return directory;
  }

  /** The uid of this process, as the file system records it on a file this process creates. */
  private static Object currentUid() throws IOException {
    Path probe = Files.createTempFile("stella-uid", ".probe");
    try {
      return Files.getAttribute(probe, "unix:uid");
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /**
   * A cache base that others may write to without the sticky bit would let them replace our
   * directory inside it between the check and the server start.
   */
  private static void requireNotSharedWritable(Path base) throws IOException {
    if (!Files.isDirectory(base)) {
      return;
    }
    int mode = (Integer) Files.getAttribute(base, "unix:mode");
    boolean othersWrite = (mode & 0022) != 0;
    boolean sticky = (mode & 01000) != 0;
    if (othersWrite && !sticky) {
      throw new IOException("Refusing to unpack PostgreSQL binaries under " + base + ": others may write to it and it"
          + " has no sticky bit; chmod go-w it or set XDG_CACHE_HOME to a private directory");
    }
  }

  /** {@code directory}, created with mode 0700 if absent, after checking that it is this user's alone. */
  static Path checked(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(absolute.getParent());
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PRIVATE));
    }
    if (Files.isSymbolicLink(absolute) || !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("Refusing to unpack PostgreSQL binaries under " + absolute + ": it is not a plain directory");
    }
    // Compare numeric uids: in containers run with an arbitrary uid there is no user name to compare.
    Object owner = Files.getAttribute(absolute, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    Object me = currentUid();
    if (!owner.equals(me)) {
      throw new IOException("Refusing to unpack PostgreSQL binaries under " + absolute + ": it belongs to uid " + owner
          + ", not to this user (uid " + me + "); remove it or set XDG_CACHE_HOME");
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute, LinkOption.NOFOLLOW_LINKS);
    if (permissions.stream().anyMatch(OTHERS_WRITE::contains)) {
      throw new IOException("Refusing to unpack PostgreSQL binaries under " + absolute + ": others may write to it ("
          + PosixFilePermissions.toString(permissions) + "); chmod go-w it or remove it");
    }
    return absolute;
  }
}
