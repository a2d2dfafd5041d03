package org.stellaops.jobs.objects;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The object store in an S3-compatible service (MinIO, AWS S3, S3Proxy) through minio-java:
 * {@code s3://bucket/prefix} with an endpoint and credentials. A single PUT is atomic in S3, so
 * readers never see a partial object. The bucket is created when missing.
 */
public final class S3ObjectStore implements ObjectStore {
  private final MinioClient client;
  private final String bucket;
  private final String prefix;

  public S3ObjectStore(String endpoint, String accessKey, String secretKey, String bucket, String prefix) throws IOException {
    this.client = MinioClient.builder().endpoint(Objects.requireNonNull(endpoint, "endpoint is null"))
        .credentials(Objects.requireNonNull(accessKey, "accessKey is null"), Objects.requireNonNull(secretKey, "secretKey is null"))
        .build();
    this.bucket = Objects.requireNonNull(bucket, "bucket is null");
    this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    } catch (Exception e) {
      throw new IOException("Cannot reach bucket " + bucket + " at " + endpoint + ": " + e.getMessage(), e);
    }
  }

  /** A store for {@code s3://bucket/prefix}. */
  public static S3ObjectStore of(String uri, String endpoint, String accessKey, String secretKey) throws IOException {
    if (!uri.startsWith("s3://") || uri.length() <= 5) {
      throw new IllegalArgumentException("not an s3://bucket/prefix address: " + uri);
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    return new S3ObjectStore(endpoint, accessKey, secretKey, slash < 0 ? rest : rest.substring(0, slash),
        slash < 0 ? "" : rest.substring(slash + 1));
  }

  @Override
  public void put(String key, byte[] bytes) throws IOException {
    String object = prefix + LocalObjectStore.checkedKey(key);
    try {
      client.putObject(PutObjectArgs.builder().bucket(bucket).object(object)
          .stream(new ByteArrayInputStream(bytes), bytes.length, -1).contentType("application/octet-stream").build());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Cannot store " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  /**
   * Uploads a file of any size under {@code key} (multipart above the client's part size); returns
   * the object's address, {@code s3://bucket/prefix/key}.
   */
  public String putFile(String key, java.nio.file.Path file, String contentType) throws IOException {
    String object = prefix + LocalObjectStore.checkedKey(key);
    try {
      client.uploadObject(io.minio.UploadObjectArgs.builder().bucket(bucket).object(object).filename(file.toString())
          .contentType(contentType).build());
      return "s3://" + bucket + "/" + object;
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Cannot store " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    String object = prefix + LocalObjectStore.checkedKey(key);
    try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
      return Optional.of(in.readAllBytes());
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return Optional.empty();
      }
      throw new IOException("Cannot read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Cannot read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  /** The objects whose keys start with {@code keyPrefix}, by key (relative to this store's prefix), with their sizes. */
  public java.util.SortedMap<String, Long> list(String keyPrefix) throws IOException {
    java.util.SortedMap<String, Long> objects = new java.util.TreeMap<>();
    try {
      for (io.minio.Result<io.minio.messages.Item> result : client.listObjects(io.minio.ListObjectsArgs.builder().bucket(bucket)
          .prefix(prefix + keyPrefix).recursive(true).build())) {
        io.minio.messages.Item item = result.get();
        if (!item.isDir()) {
          objects.put(item.objectName().substring(prefix.length()), item.size());
        }
      }
      return objects;
    } catch (Exception e) {
      throw new IOException("Cannot list " + keyPrefix + " in bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  /** Downloads the object under {@code key} into {@code file} (written beside it and renamed in); false when there is none. */
  public boolean download(String key, java.nio.file.Path file) throws IOException {
    String object = prefix + LocalObjectStore.checkedKey(key);
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    java.nio.file.Path partial = file.resolveSibling("." + file.getFileName() + ".download-" + ProcessHandle.current().pid());
    try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(object).build())) {
      java.nio.file.Files.copy(in, partial, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      java.nio.file.Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (ErrorResponseException e) {
      if ("NoSuchKey".equals(e.errorResponse().code())) {
        return false;
      }
      throw new IOException("Cannot read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Cannot read " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
    } finally {
      java.nio.file.Files.deleteIfExists(partial);
    }
  }

  /** Removes the object under {@code key} (nothing when there is none). */
  public void delete(String key) throws IOException {
    try {
      client.removeObject(io.minio.RemoveObjectArgs.builder().bucket(bucket).object(prefix + LocalObjectStore.checkedKey(key)).build());
    } catch (Exception e) {
      throw new IOException("Cannot remove " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
    }
  }

  /** {@code s3://bucket/prefix}, the store's address. */
  public String address() {
    return "s3://" + bucket + "/" + prefix;
  }
}
