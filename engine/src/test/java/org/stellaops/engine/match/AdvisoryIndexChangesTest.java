package org.stellaops.engine.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.stellaops.schemas.advisory.Advisory;
import org.stellaops.schemas.advisory.AffectedPackage;
import org.stellaops.schemas.advisory.AffectedRange;
import org.stellaops.schemas.advisory.RangeEvent;
import org.stellaops.schemas.advisory.RangeEventKind;
import org.stellaops.schemas.advisory.RangeType;
import org.stellaops.schemas.advisory.Severity;
import org.stellaops.schemas.advisory.SeverityLevel;

/**
 * An index updated with a snapshot's changed advisories answers every lookup, finding and
 * evaluation digest as a full build from the new set does.
 */
class AdvisoryIndexChangesTest {
  private static final List<String> PACKAGES = List.of("lodash", "minimist", "express", "react", "left-pad", "qs");

  private static Advisory advisory(String id, Random random, boolean withdrawn) {
    List<AffectedPackage> affected = new ArrayList<>();
    int entries = 1 + random.nextInt(2);
    for (int e = 0; e < entries; e++) {
      String fixed = (1 + random.nextInt(3)) + "." + random.nextInt(10) + ".0";
      affected.add(new AffectedPackage("npm", PACKAGES.get(random.nextInt(PACKAGES.size())), Optional.empty(),
          List.of(new AffectedRange(RangeType.SEMVER, Optional.empty(),
              List.of(new RangeEvent(RangeEventKind.INTRODUCED, "0"), new RangeEvent(RangeEventKind.FIXED, fixed)))),
          List.of(), Optional.empty()));
    }
    SeverityLevel level = SeverityLevel.values()[random.nextInt(4)];
    return new Advisory(id, List.of("CVE-" + id), "", new Severity(level, Optional.empty(), Optional.empty()),
        Optional.empty(), Optional.empty(), withdrawn ? Optional.of("2026-01-01T00:00:00Z") : Optional.empty(), affected);
  }

  @Property(tries = 60)
  void updatingEqualsRebuilding(@ForAll @IntRange(min = 0, max = 1_000_000) int seed,
      @ForAll @IntRange(min = 0, max = 25) int changes) {
    Random random = new Random(seed);
    Map<String, Advisory> before = new LinkedHashMap<>();
    for (int i = 0; i < 30; i++) {
      String id = String.format("ADV-%03d", i);
      before.put(id, advisory(id, random, random.nextInt(10) == 0));
    }
    Map<String, Advisory> after = new LinkedHashMap<>(before);
    Set<String> changed = new TreeSet<>();
    for (int c = 0; c < changes; c++) {
      String id = String.format("ADV-%03d", random.nextInt(40)); // some new, some revised
      changed.add(id);
      switch (random.nextInt(4)) {
        case 0 -> after.remove(id);
        case 1 -> after.put(id, advisory(id, random, true));
        default -> after.put(id, advisory(id, random, false));
      }
    }
    List<Advisory> current = changed.stream().filter(after::containsKey).map(after::get).toList();

    AdvisoryIndex updated = AdvisoryIndex.of(before.values()).withChanges(changed, current);
    AdvisoryIndex rebuilt = AdvisoryIndex.of(after.values());

    assertThat(updated.advisoryCount()).isEqualTo(rebuilt.advisoryCount());
    AdvisoryMatcher updatedMatcher = new AdvisoryMatcher(updated);
    AdvisoryMatcher rebuiltMatcher = new AdvisoryMatcher(rebuilt);
    for (String name : PACKAGES) {
      assertThat(ids(updated.lookup("npm", name))).as(name).isEqualTo(ids(rebuilt.lookup("npm", name)));
      for (String version : List.of("0.5.0", "1.0.0", "1.4.0", "2.2.0", "3.9.0")) {
        ComponentRef component = new ComponentRef(Optional.of("pkg:npm/" + name + "@" + version), name, "library",
            Optional.of(version), Optional.empty(), Optional.empty());
        // Within a package the order of findings follows the order of entries; verdicts sort them.
        assertThat(sorted(updatedMatcher.match(component))).as(name + "@" + version)
            .isEqualTo(sorted(rebuiltMatcher.match(component)));
        assertThat(updatedMatcher.candidatesDigest(component, Optional.empty()))
            .isEqualTo(rebuiltMatcher.candidatesDigest(component, Optional.empty()));
      }
    }
  }

  private static List<String> sorted(List<org.stellaops.schemas.verdict.Finding> findings) {
    return findings.stream().map(Object::toString).sorted().toList();
  }

  private static List<String> ids(List<AdvisoryIndex.Entry> entries) {
    return entries.stream().map(e -> e.advisory().id() + ":" + e.affected()).sorted().toList();
  }

  @Test
  void packagesNoChangeNamesAreSharedAndAStrayAdvisoryIsRefused() {
    Random random = new Random(7);
    Advisory kept = advisory("ADV-1", random, false);
    AdvisoryIndex index = AdvisoryIndex.of(List.of(kept));
    AdvisoryIndex same = index.withChanges(List.of(), List.of());
    String name = kept.affected().get(0).name();
    assertThat(same.entries("npm", name)).isSameAs(index.entries("npm", name));
    assertThatThrownBy(() -> index.withChanges(List.of("ADV-2"), List.of(advisory("ADV-3", random, false))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("advisory ADV-3 is given but not among the changed ids");
  }
}
