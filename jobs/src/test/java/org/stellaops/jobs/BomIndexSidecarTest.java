package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.connectors.bench.CorpusGenerator;
import org.stellaops.connectors.bench.CorpusSpec;
import org.stellaops.connectors.bench.ProgressListener;
import org.stellaops.connectors.sbom.SbomReader;
import org.stellaops.engine.bomindex.BomIndex;
import org.stellaops.engine.bomindex.BomIndexReader;
import org.stellaops.engine.bomindex.IndexedComponent;
import org.stellaops.schemas.sbom.Sbom;

/** SBOM ingest writes each image's BOM-Index sidecar to the object store; the same SBOM always gives the same bytes. */
class BomIndexSidecarTest {

  @Test
  void eachImageGetsAByteStableSidecarMatchingItsSbom(@TempDir Path dir) throws Exception {
    Path sboms = new CorpusGenerator().generate(new CorpusSpec(5, 30, 200, 13), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent().resolve("sboms");
    Path first = dir.resolve("objects-1");
    Path second = dir.resolve("objects-2");
    String db1 = TestDatabase.fresh();
    String db2 = TestDatabase.fresh();
    assertThat(CliRun.run(db1, "ingest", "sboms", sboms.toString(), "--objects", first.toString()).exitCode()).isZero();
    assertThat(CliRun.run(db2, "ingest", "sboms", sboms.toString(), "--objects", second.toString()).exitCode()).isZero();

    List<Path> files;
    try (Stream<Path> walk = Files.walk(first.resolve("indexes"))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSize(5).allSatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("bom-index.bin"));
    for (Path file : files) {
      String image = file.getParent().getFileName().toString();
      byte[] bytes = Files.readAllBytes(file);
      assertThat(Files.readAllBytes(second.resolve(first.relativize(file)))).as("rebuilt elsewhere: same bytes").isEqualTo(bytes);
      String path = Sql.scalar(db1, "SELECT d.path FROM sbom.image i JOIN sbom.document d ON d.sha256 = i.sbom_sha256"
          + " WHERE i.image_digest = '" + image + "'");
      Sbom sbom = new SbomReader().read(path, Files.readAllBytes(Path.of(path)));
      BomIndex expected = BomIndex.of("sha256:" + sbom.documentSha256(), sbom.components().stream()
          .filter(c -> c.purl().isPresent())
          .map(c -> new IndexedComponent(c.purl().get(), c.sourcePackage(), c.usedByEntrypoint())).toList());
      assertThat(BomIndexReader.read(bytes)).isEqualTo(expected);
      assertThat(expected.purls()).isNotEmpty();
    }
  }

  @Test
  void sidecarsGoToS3WhenTheObjectStoreIsABucket(@TempDir Path dir) throws Exception {
    Path sboms = new CorpusGenerator().generate(new CorpusSpec(3, 20, 100, 14), dir.resolve("corpus"),
        ProgressListener.none()).advisoryDirectory().getParent().resolve("sboms");
    try (S3Proxy s3 = S3Proxy.start(dir)) {
      String db = TestDatabase.fresh();
      CliRun run = CliRun.run(db, "ingest", "sboms", sboms.toString(), "--objects", "s3://stella-objects/site-a",
          "--s3-endpoint", s3.endpoint(), "--s3-access-key", S3Proxy.ACCESS_KEY, "--s3-secret-key", S3Proxy.SECRET_KEY);
      assertThat(run.exitCode()).as(run.err()).isZero();
      Path local = dir.resolve("local");
      assertThat(CliRun.run(TestDatabase.fresh(), "ingest", "sboms", sboms.toString(), "--objects", local.toString())
          .exitCode()).isZero();
      org.stellaops.jobs.objects.ObjectStore bucket = org.stellaops.jobs.objects.S3ObjectStore.of(
          "s3://stella-objects/site-a", s3.endpoint(), S3Proxy.ACCESS_KEY, S3Proxy.SECRET_KEY);
      List<String> images = List.of(Sql.scalar(db, "SELECT string_agg(image_digest, ',' ORDER BY image_digest) FROM sbom.image")
          .split(","));
      assertThat(images).hasSize(3);
      for (String image : images) {
        String key = org.stellaops.jobs.objects.ObjectStore.bomIndexKey(image);
        assertThat(bucket.get(key)).as(key).hasValueSatisfying(bytes ->
            assertThat(bytes).isEqualTo(readUnchecked(local.resolve(key))));
      }
    }
  }

  private static byte[] readUnchecked(Path path) {
    try {
      return Files.readAllBytes(path);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
