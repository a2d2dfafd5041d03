package org.stellaops.connectors.bench;

import java.util.List;

/**
 * The ecosystems of the synthetic corpus, with the weights that shape it. Fleet weights give
 * the usual mix of components in an image; advisory weights give the share of advisories.
 */
enum SyntheticEcosystem {
  NPM("npm", "NPM", "npm", 0.35, 0.30, 0.25, 0.25,
      List.of("MIT", "MIT", "MIT", "MIT", "ISC", "ISC", "Apache-2.0", "BSD-3-Clause", "BSD-2-Clause")),
  PYPI("PyPI", "PYPI", "pypi", 0.20, 0.20, 0.0, 0.60,
      List.of("MIT", "MIT", "Apache-2.0", "Apache-2.0", "BSD-3-Clause", "BSD-3-Clause", "PSF-2.0")),
  MAVEN("Maven", "MAVEN", "maven", 0.25, 0.25, 0.0, 0.60,
      List.of("Apache-2.0", "Apache-2.0", "Apache-2.0", "EPL-2.0", "MIT", "BSD-3-Clause",
          "LGPL-2.1-only")),
  GO("Go", "GO", "golang", 0.12, 0.15, 0.80, 0.10,
      List.of("BSD-3-Clause", "BSD-3-Clause", "MIT", "MIT", "Apache-2.0", "Apache-2.0", "MPL-2.0")),
  CRATES_IO("crates.io", "CRATES", "cargo", 0.08, 0.10, 0.80, 0.20,
      List.of("MIT", "MIT", "Apache-2.0", "Apache-2.0", "BSD-3-Clause", "Zlib", "Unlicense"));

  private final String osvName;
  private final String idPrefix;
  private final String purlType;
  private final double fleetWeight;
  private final double advisoryWeight;
  private final double semverRangeShare;
  private final double versionsListShare;
  private final List<String> licenses;

  SyntheticEcosystem(
      String osvName,
      String idPrefix,
      String purlType,
      double fleetWeight,
      double advisoryWeight,
      double semverRangeShare,
      double versionsListShare,
      List<String> licenses) {
    this.osvName = osvName;
    this.idPrefix = idPrefix;
    this.purlType = purlType;
    this.fleetWeight = fleetWeight;
    this.advisoryWeight = advisoryWeight;
    this.semverRangeShare = semverRangeShare;
    this.versionsListShare = versionsListShare;
    this.licenses = licenses;
  }

  /** The OSV {@code package.ecosystem} value, also the advisory archive's base name. */
  String osvName() {
    return osvName;
  }

  /** The ecosystem part of advisory ids, as in {@code SYN-NPM-000123}. */
  String idPrefix() {
    return idPrefix;
  }

  /** The package-url type. */
  String purlType() {
    return purlType;
  }

  /** Share of components in an image whose mix is not skewed to one ecosystem. */
  double fleetWeight() {
    return fleetWeight;
  }

  /** Share of advisories about this ecosystem. */
  double advisoryWeight() {
    return advisoryWeight;
  }

  /** Share of ranges typed {@code SEMVER} rather than {@code ECOSYSTEM}. */
  double semverRangeShare() {
    return semverRangeShare;
  }

  /** Share of affected entries that also enumerate their versions. */
  double versionsListShare() {
    return versionsListShare;
  }

  /** License ids, repeated to weight the common ones. */
  List<String> licenses() {
    return licenses;
  }

  /** Picks an ecosystem, each with probability proportional to {@code weights[ordinal]}. */
  static SyntheticEcosystem pick(double[] weights, double uniform) {
    double total = 0;
    for (double weight : weights) {
      total += weight;
    }
    double target = uniform * total;
    SyntheticEcosystem[] all = values();
    for (int i = 0; i < all.length; i++) {
      target -= weights[i];
      if (target < 0) {
        return all[i];
      }
    }
    return all[all.length - 1];
  }
}
