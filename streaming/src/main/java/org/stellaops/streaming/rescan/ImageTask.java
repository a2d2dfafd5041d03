package org.stellaops.streaming.rescan;

/** One image to re-evaluate at one snapshot. A Flink POJO. */
public class ImageTask {
  public String imageDigest;
  public String sbomSha256;
  public long snapshot;
  public long sealedAtMillis;

  public ImageTask() {}

  public ImageTask(String imageDigest, String sbomSha256, long snapshot, long sealedAtMillis) {
    this.imageDigest = imageDigest;
    this.sbomSha256 = sbomSha256;
    this.snapshot = snapshot;
    this.sealedAtMillis = sealedAtMillis;
  }

  @Override
  public String toString() {
    return imageDigest + " at snapshot " + snapshot;
  }
}
