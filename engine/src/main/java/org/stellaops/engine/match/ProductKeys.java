package org.stellaops.engine.match;

import com.github.packageurl.PackageURL;
import java.util.Optional;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.engine.ecosystem.PackageKey;

/**
 * The product key ({@code ecosystem/name}) under which advisories, export deltas and the fleet
 * index know a component: the one its advisories name, so for Debian and Ubuntu packages the
 * source package (see {@link SourcePackages}).
 */
public final class ProductKeys {
  private ProductKeys() {}

  /** The component's product key and the version advisories compare, or empty when it has no ecosystem. */
  public static Optional<PackageKey> of(String purl, Optional<String> sourcePackage) {
    Optional<PackageURL> parsed = Ecosystems.parse(purl);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    return Ecosystems.fromPackageUrl(parsed.get()).map(key -> SourcePackages.of(key, parsed.get(), sourcePackage).key());
  }
}
