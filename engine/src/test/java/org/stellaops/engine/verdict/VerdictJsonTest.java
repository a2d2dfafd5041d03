package org.stellaops.engine.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.stellaops.schemas.advisory.SeverityLevel;
import org.stellaops.schemas.verdict.Decision;
import org.stellaops.schemas.verdict.Finding;
import org.stellaops.schemas.verdict.FindingStatus;
import org.stellaops.schemas.verdict.InputManifest;
import org.stellaops.schemas.verdict.NotEvaluated;
import org.stellaops.schemas.verdict.NotEvaluatedReason;

/** The direct writer of verdict bodies gives exactly the canonical text of the JSON tree. */
class VerdictJsonTest {

  @Property(tries = 300)
  void canonicalBodyEqualsTheCanonicalTextOfTheTree(@ForAll long seed) {
    Random random = new Random(seed);
    List<Finding> findings = new ArrayList<>();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      List<String> aliases = new ArrayList<>();
      int a = random.nextInt(3);
      for (int j = 0; j < a; j++) {
        aliases.add(RandomText.of(random));
      }
      String purl = random.nextInt(3) == 0 ? nonEmpty(random) : "pkg:npm/p" + random.nextInt(3) + "@1";
      Optional<String> layer = switch (random.nextInt(4)) {
        case 0 -> Optional.empty();
        case 1 -> Optional.of(RandomText.of(random));
        default -> Optional.of("sha256:l" + random.nextInt(2));
      };
      findings.add(new Finding(nonEmpty(random), aliases, purl, nonEmpty(random), nonEmpty(random), RandomText.of(random),
          random.nextBoolean() ? FindingStatus.AFFECTED : FindingStatus.UNKNOWN, RandomText.of(random), RandomText.of(random),
          random.nextBoolean() ? Optional.of(RandomText.of(random)) : Optional.empty(),
          SeverityLevel.values()[random.nextInt(SeverityLevel.values().length)],
          random.nextBoolean() ? Optional.of(Math.round(random.nextDouble() * 100) / 10.0) : Optional.empty(),
          layer));
    }
    findings.sort(java.util.Comparator.comparing(Finding::purl));
    Map<SeverityLevel, Integer> counts = new EnumMap<>(SeverityLevel.class);
    for (SeverityLevel level : SeverityLevel.values()) {
      if (random.nextBoolean()) {
        counts.put(level, random.nextInt(5000));
      }
    }
    List<NotEvaluated> notEvaluated = new ArrayList<>();
    for (NotEvaluatedReason reason : NotEvaluatedReason.values()) {
      if (random.nextInt(3) == 0) {
        notEvaluated.add(new NotEvaluated(reason, 2 + random.nextInt(100), List.of(RandomText.of(random), RandomText.of(random))));
      }
    }
    InputManifest manifest = new InputManifest("sha256:" + "a".repeat(64), "sha256:" + RandomText.of(random), 7, "stella-engine/x",
        "sha256:" + "b".repeat(64));
    Decision decision = random.nextBoolean() ? Decision.PASS : Decision.FAIL;
    String rule = RandomText.of(random);
    String image = "sha256:" + "c".repeat(64);

    String tree = VerdictJson.canonical(VerdictJson.body(image, decision, rule, findings, counts, notEvaluated, manifest));
    CanonicalVerdict parts = VerdictJson.canonicalParts(image, decision, rule, findings, counts, notEvaluated, manifest);
    assertThat(VerdictJson.canonicalBody(image, decision, rule, findings, counts, notEvaluated, manifest)).isEqualTo(tree);
    assertThat(parts.text()).isEqualTo(tree);
    assertThat(parts.digest()).isEqualTo("sha256:" + Digests.sha256Hex(tree));
    assertThat(parts.frame()).doesNotContain("\"purl\"");
    assertThat(parts.groups().stream().mapToInt(CanonicalVerdict.FindingGroup::findings).sum()).isEqualTo(findings.size());
    for (CanonicalVerdict.FindingGroup group : parts.groups()) {
      assertThat(group.template().indexOf(CanonicalVerdict.FindingGroup.LAYER) >= 0).isEqualTo(group.layer().isPresent());
    }
  }

  @org.junit.jupiter.api.Test
  void theFindingsOfAComponentShareATemplateWhateverLayerHoldsIt() {
    InputManifest manifest = new InputManifest("sha256:" + "a".repeat(64), "sha256:" + "d".repeat(64), 7, "stella-engine/x",
        "sha256:" + "b".repeat(64));
    CanonicalVerdict first = parts(manifest, "sha256:layer-one", "sha256:layer-one");
    CanonicalVerdict second = parts(manifest, "sha256:layer-two", "sha256:layer-two");
    CanonicalVerdict mixed = parts(manifest, "sha256:layer-one", "sha256:layer-two");

    assertThat(first.groups()).hasSize(1);
    assertThat(first.groups().get(0).template()).isEqualTo(second.groups().get(0).template()).doesNotContain("layer-one");
    assertThat(first.groups().get(0).layer()).contains("sha256:layer-one");
    assertThat(first.text()).contains("\"layer\":\"sha256:layer-one\"").isNotEqualTo(second.text());
    // Two layers in one group: the literal text, no layer to substitute.
    assertThat(mixed.groups().get(0).layer()).isEmpty();
    assertThat(mixed.groups().get(0).template()).contains("layer-one").contains("layer-two");
  }

  private static CanonicalVerdict parts(InputManifest manifest, String layerA, String layerB) {
    List<Finding> findings = List.of(finding("GHSA-1", layerA), finding("GHSA-2", layerB));
    return VerdictJson.canonicalParts("sha256:" + "c".repeat(64), Decision.FAIL, "rule", findings, Map.of(), List.of(), manifest);
  }

  private static Finding finding(String advisory, String layer) {
    return new Finding(advisory, List.of(), "pkg:npm/left-pad@1.0.0", "npm", "left-pad", "1.0.0", FindingStatus.AFFECTED,
        "1.0.0 is in [0, 1.1.0)", ">=0 <1.1.0", Optional.of("1.1.0"), SeverityLevel.HIGH, Optional.of(7.5), Optional.of(layer));
  }

  private static String nonEmpty(Random random) {
    return "x" + RandomText.of(random);
  }
}
