package org.stellaops.schemas.verdict;

/** Why a component of an image was not matched against advisories. The code is part of the verdict contract. */
public enum NotEvaluatedReason {
  NO_PURL("no-purl", "the component has no purl, so no advisory ecosystem can be named"),
  MALFORMED_PURL("malformed-purl", "the component's purl cannot be parsed"),
  UNKNOWN_PURL_TYPE("unknown-purl-type", "the purl type (or distro namespace) maps to no advisory ecosystem"),
  NO_VERSION("no-version", "the component has no version"),
  UNSUPPORTED_VERSION("unsupported-version", "the version is not valid in its ecosystem's version syntax"),
  NO_DISTRO_RELEASE("no-distro-release",
      "a distro package whose release is unknown: no distro qualifier in its purl and no operating-system component in the SBOM"),
  OPERATING_SYSTEM("operating-system", "the operating system itself (used for the distro release of its packages)");

  private final String code;
  private final String description;

  NotEvaluatedReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The stable code in JSON and SARIF. */
  public String code() {
    return code;
  }

  /** A sentence for people. */
  public String description() {
    return description;
  }

  /** Whether {@code code} is one this version knows (the list is open: newer engines may add reasons). */
  public static boolean isKnown(String code) {
    for (NotEvaluatedReason reason : values()) {
      if (reason.code.equals(code)) {
        return true;
      }
    }
    return false;
  }

  /** The reason with this code. */
  public static NotEvaluatedReason ofCode(String code) {
    for (NotEvaluatedReason reason : values()) {
      if (reason.code.equals(code)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("no not-evaluated reason '" + code + "'");
  }
}
