package org.stellaops.streaming.notify;

import org.stellaops.connectors.notify.RescanDelta;

/**
 * An event bound for one action of one rule, keyed by {@link #route} (rule, action, target) so
 * that throttling and digests of one route live in one place. The rule travels as its stored
 * JSON, so a rule changed meanwhile does not change what an event already routed does. A Flink POJO.
 */
public class RoutedEvent {
  public String route;
  public String ruleJson;
  public int actionIndex;
  public RescanDelta event;

  public RoutedEvent() {}

  public RoutedEvent(String route, String ruleJson, int actionIndex, RescanDelta event) {
    this.route = route;
    this.ruleJson = ruleJson;
    this.actionIndex = actionIndex;
    this.event = event;
  }
}
