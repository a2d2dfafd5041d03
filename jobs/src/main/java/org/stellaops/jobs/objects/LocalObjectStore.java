package org.stellaops.jobs.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The object store as a local directory ({@code --objects}, default {@code ~/.stella/objects}).
 * Writes go to a temporary file in the same directory and are moved into place atomically.
 */
public final class LocalObjectStore implements ObjectStore {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:=-]+(/[A-Za-z0-9._:=-]+)*");
  private final Path root;

  public LocalObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    Path target = resolve(key);
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".put-", ".tmp");
    try {
      Files.write(temporary, bytes);
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    Path path = resolve(key);
    return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
  }

  /** The directory objects live in. */
  public Path root() {
    return root;
  }

  private Path resolve(String key) {
    return root.resolve(checkedKey(key));
  }

  /** {@code key} when it is a relative name of safe segments (no {@code ..}, no absolute path). */
  static String checkedKey(String key) {
    if (!KEY.matcher(key).matches() || key.contains("..")) {
      throw new IllegalArgumentException("not a valid object key: " + key);
    }
    return key;
  }
}
