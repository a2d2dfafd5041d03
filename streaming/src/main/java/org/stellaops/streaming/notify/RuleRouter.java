package org.stellaops.streaming.notify;

import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.stellaops.connectors.notify.NotifyRule;
import org.stellaops.connectors.notify.NotifyRuleStore;
import org.stellaops.connectors.notify.RescanDelta;
import org.stellaops.streaming.StreamDatabase;
import org.stellaops.streaming.StreamSettings;

/**
 * Matches each event against the enabled rules (reloaded every
 * {@link StreamSettings#rulesRefreshMillis}, so {@code stella notify rules apply} takes effect
 * while the stream runs) and emits it once per action of every rule it matches.
 */
public final class RuleRouter extends RichFlatMapFunction<RescanDelta, RoutedEvent> {
  private static final long serialVersionUID = 1L;
  private final StreamSettings settings;
  private transient StreamDatabase db;
  private transient NotifyRuleStore store;
  private transient List<NotifyRule> rules;
  private transient List<String> ruleJson;
  private transient long loadedAtMillis;
  private transient Counter unmatched;

  public RuleRouter(StreamSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext context) {
    db = new StreamDatabase(settings);
    store = db.rules();
    unmatched = getRuntimeContext().getMetricGroup().counter("eventsMatchingNoRule");
  }

  @Override
  public void flatMap(RescanDelta event, Collector<RoutedEvent> out) {
    long now = System.currentTimeMillis();
    if (rules == null || now - loadedAtMillis >= settings.rulesRefreshMillis()) {
      rules = store.enabled();
      ruleJson = rules.stream().map(NotifyRuleStore::json).toList();
      loadedAtMillis = now;
    }
    boolean matched = false;
    for (int r = 0; r < rules.size(); r++) {
      NotifyRule rule = rules.get(r);
      if (!rule.match().matches(event)) {
        continue;
      }
      matched = true;
      String json = ruleJson.get(r);
      for (int a = 0; a < rule.actions().size(); a++) {
        NotifyRule.Action action = rule.actions().get(a);
        out.collect(new RoutedEvent(rule.name() + "|" + a + "|" + action.channel().label() + "|" + action.target(), json, a,
            event));
      }
    }
    if (!matched) {
      unmatched.inc();
    }
  }

  @Override
  public void close() {
    if (db != null) {
      db.close();
    }
  }
}
