package org.stellaops.engine.match;

import com.github.packageurl.PackageURL;
import java.util.Map;
import java.util.Optional;
import org.stellaops.engine.ecosystem.Ecosystems;
import org.stellaops.engine.ecosystem.PackageKey;

/**
 * Debian and Ubuntu advisories (OSV {@code DSA}, {@code DLA}, {@code USN}, the Debian security
 * tracker) name <em>source</em> packages with source versions, while an image's SBOM lists the
 * binary packages built from them ({@code libssl3} from {@code openssl}). The source package comes
 * from, in order: what the SBOM says (Trivy's {@code SrcName}/{@code SrcVersion} properties), the
 * purl's {@code upstream} qualifier ({@code name} or {@code name@version}, as syft writes it), and
 * otherwise the binary package itself, which is right whenever both share a name (the documented
 * fallback). Without a source version the binary version is used.
 */
final class SourcePackages {
  private SourcePackages() {}

  /** The key to match, and the source package name when it differs from the binary package. */
  record Source(PackageKey key, Optional<String> sourceName) {
    /** {@code decision} with the source package named in its reason, when matching went through one. */
    AdvisoryMatcher.Decision explain(AdvisoryMatcher.Decision decision) {
      return sourceName.map(name -> new AdvisoryMatcher.Decision(decision.status(),
          decision.reason() + " (source package " + name + " " + key.version().orElse("") + ")", decision.matched(),
          decision.fixedVersion())).orElse(decision);
    }
  }

  static Source of(PackageKey binary, PackageURL purl, Optional<String> sbomSource) {
    if (!binary.ecosystem().equals("Debian") && !binary.ecosystem().equals("Ubuntu")) {
      return new Source(binary, Optional.empty());
    }
    Map<String, String> qualifiers = purl.getQualifiers();
    Optional<String> declared = sbomSource.filter(s -> !s.isBlank())
        .or(() -> Optional.ofNullable(qualifiers == null ? null : qualifiers.get("upstream")).filter(s -> !s.isBlank()));
    if (declared.isEmpty()) {
      return new Source(binary, Optional.empty());
    }
    String text = declared.get().trim();
    int at = text.indexOf('@');
    String name = at < 0 ? text : text.substring(0, at);
    Optional<String> version = at < 0 || at == text.length() - 1 ? binary.version() : Optional.of(text.substring(at + 1));
    String normalised = Ecosystems.normaliseName(binary.ecosystem(), name);
    if (normalised.equals(binary.name()) && version.equals(binary.version())) {
      return new Source(binary, Optional.empty());
    }
    return new Source(new PackageKey(binary.ecosystem(), normalised, version, binary.release()), Optional.of(name));
  }
}
