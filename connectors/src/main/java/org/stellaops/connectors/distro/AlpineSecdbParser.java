package org.stellaops.connectors.distro;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.stellaops.connectors.DocumentException;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;

/**
 * Reads an Alpine secdb file ({@code secdb.alpinelinux.org/<release>/<repo>.json} or its YAML
 * source, and the Wolfi and Chainguard {@code security.json} of the same shape) into advisories:
 * for each package, {@code secfixes} maps a fixed version to the vulnerabilities it fixes. Every
 * vulnerability id becomes one advisory per file's distribution, release and repository (ids
 * {@code ALPINE-3.10-main-CVE-2019-10206}, {@code WOLFI-CVE-2022-38126}), its aliases the id
 * itself, affected from the first version up to the fix. A fix of {@code 0} means the package was
 * never affected (Alpine's convention) and gives no entry.
 */
public final class AlpineSecdbParser {
  private static final Pattern RELEASE = Pattern.compile("v(\\d+\\.\\d+)");
  private static final Pattern VULN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9._:-]+");

  /** Whether {@code root} has the secdb shape: a {@code packages} list of {@code pkg} objects. */
  public static boolean recognises(JsonNode root) {
    JsonNode packages = root.path("packages");
    return root.isObject() && packages.isArray() && (packages.isEmpty() || packages.get(0).has("pkg"));
  }

  public List<Advisory> parse(String source, JsonNode root) throws DocumentException {
    Distribution distribution = distribution(source, root);
    Map<String, List<AffectedPackage>> byId = new TreeMap<>();
    JsonNode packages = root.path("packages");
    for (int i = 0; i < packages.size(); i++) {
      String at = "packages[" + i + "].pkg";
      JsonNode pkg = packages.get(i).path("pkg");
      String name = text(source, pkg.path("name"), at + ".name");
      JsonNode secfixes = pkg.path("secfixes");
      if (secfixes.isMissingNode() || secfixes.isNull()) {
        continue;
      }
      if (!secfixes.isObject()) {
        throw new DocumentException(source, at + ".secfixes", "expected a map of fixed version to vulnerability ids");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = secfixes.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> fix = it.next();
        String version = fix.getKey().trim();
        String where = at + ".secfixes." + version;
        if (!fix.getValue().isArray()) {
          throw new DocumentException(source, where, "expected a list of vulnerability ids");
        }
        if (version.equals("0")) {
          continue; // never affected
        }
        for (int j = 0; j < fix.getValue().size(); j++) {
          // Entries are "CVE-2019-1 CVE-2019-2" at times, and some carry a trailing remark.
          for (String id : text(source, fix.getValue().get(j), where + "[" + j + "]").trim().split("\\s+")) {
            if (!VULN_ID.matcher(id).matches()) {
              continue; // remarks such as "(upstream)" between ids
            }
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(new AffectedPackage(distribution.ecosystem, name, Optional.empty(),
                List.of(new AffectedRange(RangeType.ECOSYSTEM, Optional.empty(),
                    List.of(new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, version)))),
                List.of(), Optional.empty()));
          }
        }
      }
    }
    List<Advisory> advisories = new ArrayList<>(byId.size());
    byId.forEach((id, affected) -> advisories.add(new Advisory(distribution.idPrefix + id, List.of(id), "", Severity.unknown(),
        Optional.empty(), Optional.empty(), Optional.empty(), affected)));
    return advisories;
  }

  private record Distribution(String ecosystem, String idPrefix) {}

  private static Distribution distribution(String source, JsonNode root) throws DocumentException {
    String repo = root.path("reponame").asText("").trim();
    JsonNode release = root.path("distroversion");
    if (!release.isMissingNode() && !release.isNull()) {
      var m = RELEASE.matcher(release.asText().trim());
      if (!m.matches()) {
        throw new DocumentException(source, "distroversion", "expected an Alpine release such as v3.18, got '" + release.asText() + "'");
      }
      return new Distribution("Alpine:v" + m.group(1), "ALPINE-" + m.group(1) + (repo.isEmpty() ? "" : "-" + repo) + "-");
    }
    String host = "";
    try {
      host = Optional.ofNullable(URI.create(root.path("urlprefix").asText("")).getHost()).orElse("");
    } catch (IllegalArgumentException e) {
      // reported below
    }
    if (host.endsWith("wolfi.dev")) {
      return new Distribution("Wolfi", "WOLFI-");
    }
    if (host.endsWith("cgr.dev") || host.contains("chainguard")) {
      return new Distribution("Chainguard", "CHAINGUARD-");
    }
    throw new DocumentException(source, "distroversion",
        "a secdb file names its Alpine release in distroversion; without one, urlprefix must be Wolfi's or Chainguard's, got '"
            + root.path("urlprefix").asText("") + "'");
  }

  private static String text(String source, JsonNode node, String at) throws DocumentException {
    if (!node.isValueNode() || node.asText().isBlank()) {
      throw new DocumentException(source, at, "expected text");
    }
    return node.asText();
  }
}
