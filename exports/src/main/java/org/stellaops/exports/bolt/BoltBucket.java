package org.stellaops.exports.bolt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bucket of a bbolt database being built: keys, each holding either a value or a nested
 * bucket, ordered as bbolt orders them (unsigned byte-wise). {@link BoltWriter} writes a tree of
 * these as a bbolt file.
 */
public final class BoltBucket {
  /** bbolt's limits on key and value length. */
  public static final int MAX_KEY_BYTES = 32_768;
  public static final int MAX_VALUE_BYTES = Integer.MAX_VALUE - 1;

  private final SortedMap<byte[], Object> entries = new TreeMap<>(Arrays::compareUnsigned);

  /** The nested bucket {@code name}, created when absent. */
  public BoltBucket bucket(String name) {
    return bucket(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The nested bucket {@code name}, created when absent. */
  public BoltBucket bucket(byte[] name) {
    checkKey(name);
    Object existing = entries.get(name);
    if (existing instanceof byte[]) {
      throw new IllegalArgumentException("'" + text(name) + "' is a value in this bucket, not a bucket");
    }
    if (existing == null) {
      BoltBucket created = new BoltBucket();
      entries.put(name.clone(), created);
      return created;
    }
    return (BoltBucket) existing;
  }

  /** Sets {@code key} to {@code value} (replacing a value, never a bucket). */
  public void put(String key, byte[] value) {
    put(key.getBytes(StandardCharsets.UTF_8), value);
  }

  /** Sets {@code key} to {@code value} (replacing a value, never a bucket). */
  public void put(byte[] key, byte[] value) {
    checkKey(key);
    Objects.requireNonNull(value, "value is null");
    if (entries.get(key) instanceof BoltBucket) {
      throw new IllegalArgumentException("'" + text(key) + "' is a bucket in this bucket, not a value");
    }
    entries.put(key.clone(), value.clone());
  }

  /** The entries in key order: values as {@code byte[]}, nested buckets as {@link BoltBucket}. */
  public SortedMap<byte[], Object> entries() {
    return Collections.unmodifiableSortedMap(entries);
  }

  /** How many keys (values and buckets) this bucket holds. */
  public int size() {
    return entries.size();
  }

  boolean hasBuckets() {
    for (Map.Entry<byte[], Object> e : entries.entrySet()) {
      if (e.getValue() instanceof BoltBucket) {
        return true;
      }
    }
    return false;
  }

  private static void checkKey(byte[] key) {
    Objects.requireNonNull(key, "key is null");
    if (key.length == 0 || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("a bbolt key is 1 to " + MAX_KEY_BYTES + " bytes, got " + key.length);
    }
  }

  static String text(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }
}
