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
      findings.add(new Finding(nonEmpty(random), aliases, nonEmpty(random), nonEmpty(random), nonEmpty(random), RandomText.of(random),
          random.nextBoolean() ? FindingStatus.AFFECTED : FindingStatus.UNKNOWN, RandomText.of(random), RandomText.of(random),
          random.nextBoolean() ? Optional.of(RandomText.of(random)) : Optional.empty(),
          SeverityLevel.values()[random.nextInt(SeverityLevel.values().length)],
          random.nextBoolean() ? Optional.of(Math.round(random.nextDouble() * 100) / 10.0) : Optional.empty(),
          random.nextBoolean() ? Optional.of(RandomText.of(random)) : Optional.empty()));
    }
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

    assertThat(VerdictJson.canonicalBody(image, decision, rule, findings, counts, notEvaluated, manifest))
        .isEqualTo(VerdictJson.canonical(VerdictJson.body(image, decision, rule, findings, counts, notEvaluated, manifest)));
  }

  private static String nonEmpty(Random random) {
    return "x" + RandomText.of(random);
  }
}
