package org.stellaops.streaming.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.stellaops.connectors.notify.NotifyRule;
import org.stellaops.connectors.notify.NotifyRuleStore;
import org.stellaops.connectors.notify.OutboxMessage;
import org.stellaops.connectors.notify.RescanDelta;

/**
 * Per route (rule, action, target): turns routed events into outbox messages.
 *
 * <ul>
 *   <li>No throttle, no digest: one message per event.
 *   <li>{@code throttle: T}: time is cut into windows of length T by the events' time (when their
 *       snapshot was sealed); the first event of a window is sent, the rest are counted as
 *       dropped ({@code notifyDroppedThrottled}). The window last sent is keyed state.
 *   <li>{@code digest: D}: a window's events are kept in keyed state and sent as one message by a
 *       processing-time timer at the window's end.
 * </ul>
 *
 * Windows follow event time, not the clock, so a replay after a restart makes the same
 * decisions and the same delivery ids (the outbox keeps one message per id).
 */
public final class ThrottleAndDigest extends KeyedProcessFunction<String, RoutedEvent, OutboxMessage> {
  private static final long serialVersionUID = 1L;
  private transient ValueState<Long> lastSentWindow;
  private transient ListState<RoutedEvent> pending;
  private transient Counter throttled;
  private transient Counter coalesced;
  /** Parsed rules by their JSON: routed events of one rule carry the same text. */
  private transient java.util.Map<String, NotifyRule> rules;

  @Override
  public void open(OpenContext context) {
    lastSentWindow = getRuntimeContext().getState(new ValueStateDescriptor<>("last-sent-window", Types.LONG));
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("digest-pending",
        TypeInformation.of(RoutedEvent.class)));
    throttled = getRuntimeContext().getMetricGroup().counter("notifyDroppedThrottled");
    coalesced = getRuntimeContext().getMetricGroup().counter("notifyDigestCoalesced");
    rules = new java.util.HashMap<>();
  }

  private NotifyRule rule(String json) {
    if (rules.size() > 1_000) {
      rules.clear();
    }
    return rules.computeIfAbsent(json, NotifyRuleStore::rule);
  }

  @Override
  public void processElement(RoutedEvent routed, Context context, Collector<OutboxMessage> out) throws Exception {
    NotifyRule rule = rule(routed.ruleJson);
    NotifyRule.Action action = rule.actions().get(routed.actionIndex);
    long at = routed.event.occurredAtMillis();
    if (action.digest().isPresent()) {
      long length = action.digest().get().toMillis();
      long windowEnd = Math.floorDiv(at, length) * length + length;
      pending.add(routed);
      coalesced.inc();
      context.timerService().registerProcessingTimeTimer(Math.max(windowEnd, context.timerService().currentProcessingTime()));
    } else if (action.throttle().isPresent()) {
      long window = Math.floorDiv(at, action.throttle().get().toMillis());
      Long last = lastSentWindow.value();
      if (last != null && last >= window) {
        throttled.inc();
        return;
      }
      lastSentWindow.update(window);
      out.collect(OutboxMessage.of(rule, routed.actionIndex, List.of(routed.event), 0, 0, false));
    } else {
      out.collect(OutboxMessage.of(rule, routed.actionIndex, List.of(routed.event), 0, 0, false));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<OutboxMessage> out) throws Exception {
    List<RoutedEvent> keep = new ArrayList<>();
    Map<Long, List<RoutedEvent>> due = new TreeMap<>();
    String ruleJson = null;
    int actionIndex = 0;
    for (RoutedEvent routed : pending.get()) {
      NotifyRule rule = rule(routed.ruleJson);
      long length = rule.actions().get(routed.actionIndex).digest().orElseThrow().toMillis();
      long start = Math.floorDiv(routed.event.occurredAtMillis(), length) * length;
      if (start + length <= timestamp) {
        due.computeIfAbsent(start, s -> new ArrayList<>()).add(routed);
        ruleJson = routed.ruleJson;
        actionIndex = routed.actionIndex;
      } else {
        keep.add(routed);
      }
    }
    if (due.isEmpty()) {
      return;
    }
    NotifyRule rule = rule(ruleJson);
    for (Map.Entry<Long, List<RoutedEvent>> window : due.entrySet()) {
      // One event once in a digest, in a stable order, however often it was routed.
      TreeMap<String, RescanDelta> events = new TreeMap<>();
      window.getValue().forEach(r -> events.put(r.event.imageDigest() + "|" + r.event.eventId(), r.event));
      long windowLength = rule.actions().get(actionIndex).digest().orElseThrow().toMillis();
      out.collect(OutboxMessage.of(rule, actionIndex, List.copyOf(events.values()), window.getKey(), windowLength, true));
    }
    pending.update(keep);
  }
}
