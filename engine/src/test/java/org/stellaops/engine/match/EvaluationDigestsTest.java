package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.stellaops.engine.verdict.Digests;

/** Combining digests: one text of the distinct digests in sorted order, whatever order and repeats come in. */
class EvaluationDigestsTest {

  @Property(tries = 300)
  void combineDigestsTheSortedDistinctDigestsOneALine(@ForAll long seed) {
    Random random = new Random(seed);
    List<String> digests = new ArrayList<>();
    int n = random.nextInt(40);
    for (int i = 0; i < n; i++) {
      digests.add(random.nextInt(4) == 0 && !digests.isEmpty() ? digests.get(random.nextInt(digests.size()))
          : Integer.toHexString(random.nextInt(5000)));
    }
    String expected = Digests.sha256Hex(String.join("\n", new TreeSet<>(digests)));
    assertThat(EvaluationDigests.combine(digests)).isEqualTo(expected);
    Collections.shuffle(digests, random);
    assertThat(EvaluationDigests.combine(new java.util.HashSet<>(digests))).isEqualTo(expected);
  }
}
