package org.stellaops.engine.bomindex;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;
import org.stellaops.engine.ecosystem.PackageKey;
import org.stellaops.engine.match.ProductKeys;
import org.stellaops.schemas.Checks;

/**
 * The BOM-Index of one SBOM (docs/formats/bom-index.md): its distinct purls in sorted order, the
 * product keys they belong to with a bitmap of purl positions per key, and what the SBOM says
 * about entrypoint use. A pure function of the SBOM's components: the same components in any
 * order give an equal index and the same bytes.
 */
public final class BomIndex {
  private final String sbomDigest;
  private final List<String> purls;
  private final List<String> productKeys;
  private final List<RoaringBitmap> purlsByProductKey;
  private final RoaringBitmap usageKnown;
  private final RoaringBitmap usedByEntrypoint;

  BomIndex(String sbomDigest, List<String> purls, List<String> productKeys, List<RoaringBitmap> purlsByProductKey,
      RoaringBitmap usageKnown, RoaringBitmap usedByEntrypoint) {
    this.sbomDigest = Checks.requireText(sbomDigest, "sbomDigest");
    this.purls = List.copyOf(purls);
    this.productKeys = List.copyOf(productKeys);
    this.purlsByProductKey = purlsByProductKey.stream().map(RoaringBitmap::clone).toList();
    this.usageKnown = usageKnown.clone();
    this.usedByEntrypoint = usedByEntrypoint.clone();
    if (this.productKeys.size() != this.purlsByProductKey.size()) {
      throw new IllegalArgumentException("one bitmap per product key");
    }
  }

  /** Builds the index of an SBOM ({@code sha256:HEX}) from its components with a purl. */
  public static BomIndex of(String sbomDigest, Collection<IndexedComponent> components) {
    Map<String, EntrypointUsage> usageByPurl = new TreeMap<>(UTF8_ORDER);
    Map<String, String> keyByPurl = new TreeMap<>(UTF8_ORDER);
    for (IndexedComponent component : components) {
      usageByPurl.merge(component.purl(), usage(component), BomIndex::stronger);
      ProductKeys.of(component.purl(), component.sourcePackage()).map(PackageKey::productKey)
          .ifPresent(key -> keyByPurl.putIfAbsent(component.purl(), key));
    }
    List<String> purls = new ArrayList<>(usageByPurl.keySet());
    Map<String, RoaringBitmap> byKey = new TreeMap<>(UTF8_ORDER);
    RoaringBitmap known = new RoaringBitmap();
    RoaringBitmap used = new RoaringBitmap();
    for (int i = 0; i < purls.size(); i++) {
      String purl = purls.get(i);
      String key = keyByPurl.get(purl);
      if (key != null) {
        byKey.computeIfAbsent(key, k -> new RoaringBitmap()).add(i);
      }
      EntrypointUsage usage = usageByPurl.get(purl);
      if (usage != EntrypointUsage.UNKNOWN) {
        known.add(i);
      }
      if (usage == EntrypointUsage.USED) {
        used.add(i);
      }
    }
    return new BomIndex(sbomDigest, purls, new ArrayList<>(byKey.keySet()),
        byKey.values().stream().map(BomIndex::canonical).toList(), canonical(known), canonical(used));
  }

  private static EntrypointUsage usage(IndexedComponent component) {
    return component.usedByEntrypoint().map(used -> used ? EntrypointUsage.USED : EntrypointUsage.NOT_USED)
        .orElse(EntrypointUsage.UNKNOWN);
  }

  /** Of two statements about one purl listed twice: used wins over not used, which wins over unknown. */
  private static EntrypointUsage stronger(EntrypointUsage a, EntrypointUsage b) {
    return a.ordinal() <= b.ordinal() ? a : b;
  }

  /** A bitmap in one canonical form (same set, same containers), so serialising it is deterministic. */
  static RoaringBitmap canonical(RoaringBitmap bitmap) {
    RoaringBitmap copy = RoaringBitmap.bitmapOf(bitmap.toArray());
    copy.runOptimize();
    return copy;
  }

  /** {@code sha256:HEX} of the SBOM document this index was built from. */
  public String sbomDigest() {
    return sbomDigest;
  }

  /** Distinct purls, sorted by their UTF-8 bytes. */
  public List<String> purls() {
    return purls;
  }

  /** Distinct product keys of the purls, sorted. */
  public List<String> productKeys() {
    return productKeys;
  }

  /** Positions in {@link #purls()} of the purls with product key {@code productKey}; empty when none. */
  public RoaringBitmap purlsOf(String productKey) {
    int at = java.util.Collections.binarySearch(productKeys, productKey, UTF8_ORDER);
    return at < 0 ? new RoaringBitmap() : purlsByProductKey.get(at).clone();
  }

  List<RoaringBitmap> purlsByProductKey() {
    return purlsByProductKey;
  }

  RoaringBitmap usageKnown() {
    return usageKnown;
  }

  RoaringBitmap usedByEntrypoint() {
    return usedByEntrypoint;
  }

  /** What the SBOM says about entrypoint use of the purl at {@code position}. */
  public EntrypointUsage usage(int position) {
    Objects.checkIndex(position, purls.size());
    if (!usageKnown.contains(position)) {
      return EntrypointUsage.UNKNOWN;
    }
    return usedByEntrypoint.contains(position) ? EntrypointUsage.USED : EntrypointUsage.NOT_USED;
  }

  /** Whether any purl of {@code productKey} is used by the entrypoint, not used, or unknown (unknown if any is unknown and none is used). */
  public EntrypointUsage usageOf(String productKey) {
    RoaringBitmap positions = purlsOf(productKey);
    if (RoaringBitmap.intersects(positions, usedByEntrypoint)) {
      return EntrypointUsage.USED;
    }
    return RoaringBitmap.andNot(positions, usageKnown).isEmpty() ? EntrypointUsage.NOT_USED : EntrypointUsage.UNKNOWN;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BomIndex that && sbomDigest.equals(that.sbomDigest) && purls.equals(that.purls)
        && productKeys.equals(that.productKeys) && purlsByProductKey.equals(that.purlsByProductKey)
        && usageKnown.equals(that.usageKnown) && usedByEntrypoint.equals(that.usedByEntrypoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sbomDigest, purls, productKeys);
  }

  @Override
  public String toString() {
    return "BomIndex[" + sbomDigest + ", " + purls.size() + " purls, " + productKeys.size() + " product keys]";
  }

  static byte[] sha256Bytes(String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
    if (hex.length() != 64) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return java.util.HexFormat.of().parseHex(hex);
  }

  /** Order of purls and product keys in the index: by their UTF-8 bytes, unsigned. */
  static final java.util.Comparator<String> UTF8_ORDER = (a, b) -> Arrays.compareUnsigned(
      a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
}
