package org.stellaops.connectors.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.SeverityLevel;
import us.springett.cvss.Cvss;

class CvssV3VectorsTest {

  @Test
  void scoresKnownVectorsAsTheSpecificationDoes() {
    assertThat(CvssV3Vectors.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).isEqualTo(9.8);
    assertThat(CvssV3Vectors.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N")).isEqualTo(6.1);
    assertThat(CvssV3Vectors.baseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N")).isEqualTo(3.7);
    assertThat(CvssV3Vectors.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).isEqualTo(10.0);
  }

  @Test
  void drawnVectorsAreValidAgreeWithAnIndependentCalculatorAndSpanAllSeverities() {
    SplittableRandom random = new SplittableRandom(11);
    Set<SeverityLevel> levels = EnumSet.noneOf(SeverityLevel.class);
    for (int i = 0; i < 3_000; i++) {
      CvssV3Vectors.ScoredVector drawn = CvssV3Vectors.draw(random);
      Cvss parsed = Cvss.fromVector(drawn.vector());
      assertThat(parsed).as(drawn.vector()).isNotNull();
      assertThat(drawn.baseScore()).as(drawn.vector()).isEqualTo(parsed.calculateScore().getBaseScore());
      levels.add(SeverityLevel.fromScore(drawn.baseScore()));
    }
    assertThat(levels).containsExactlyInAnyOrder(
        SeverityLevel.LOW, SeverityLevel.MEDIUM, SeverityLevel.HIGH, SeverityLevel.CRITICAL);
  }
}
