package org.stellaops.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stellaops.connectors.store.MirrorStore;
import org.stellaops.jobs.runtime.DatabaseSettings;
import org.stellaops.jobs.runtime.StellaContext;

/** Removing advisories from a mirror in batches: their rows go, and the ids it never held are named. */
class MirrorStoreRemovalTest {
  @Test
  void removalsTakeTheHeldAdvisoriesAndTheirPackagesAndNameTheOthers() throws Exception {
    String db = TestDatabase.fresh();
    try (StellaContext context = StellaContext.open(DatabaseSettings.external(db, null, null))) {
      MirrorStore store = context.bean(MirrorStore.class);
      store.apply(new MirrorStore.Bundle("sha256:full", "mirror:full", 1, "2026-12-01T00:00:00Z", Optional.empty(), "key", 3, "s1", 3, 0,
          0, "test"), false, w -> {
            w.put("GHSA-a", "h1", false, "{\"id\":\"GHSA-a\"}", List.of("npm/a"));
            w.put("GHSA-b", "h2", false, "{\"id\":\"GHSA-b\"}", List.of("npm/a", "npm/b"));
            w.put("GHSA-c", "h3", false, "{\"id\":\"GHSA-c\"}", List.of("npm/c"));
          });
      List<String> notHeld = new ArrayList<>();
      store.apply(new MirrorStore.Bundle("sha256:delta", "mirror:delta", 2, "2026-12-02T00:00:00Z", Optional.of("sha256:full"), "key",
          1, "s2", 0, 0, 2, "test"), false, w -> notHeld.addAll(w.remove(List.of("GHSA-a", "GHSA-missing", "GHSA-b"))));
      assertThat(notHeld).containsExactly("GHSA-missing");
      assertThat(store.lookup("npm/a")).isEmpty();
      assertThat(store.lookup("npm/b")).isEmpty();
      assertThat(store.lookup("npm/c")).extracting(MirrorStore.Entry::advisoryId).containsExactly("GHSA-c");
      assertThat(store.advisory("GHSA-a")).isEmpty();
    }
  }
}
