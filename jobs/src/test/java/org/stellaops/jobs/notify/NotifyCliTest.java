package org.stellaops.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.stellaops.connectors.notify.DeliveryStore;
import org.stellaops.connectors.notify.NotifyRule;
import org.stellaops.connectors.notify.NotifyRuleYaml;
import org.stellaops.connectors.notify.OutboxMessage;
import org.stellaops.connectors.notify.RescanDelta;
import org.stellaops.jobs.CliRun;
import org.stellaops.jobs.Sql;
import org.stellaops.jobs.TestDatabase;

/**
 * The notify commands against a real PostgreSQL, a real HTTP receiver (the JDK's server) and a
 * real SMTP server (GreenMail): rules refused with their place, the outbox sent once per message,
 * retried on 5xx, dead on 4xx.
 */
class NotifyCliTest {
  private HttpServer http;
  private GreenMail smtp;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final List<String> accepted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void servers() throws Exception {
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      int n = requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = switch (path) {
        case "/flaky" -> n == 1 ? 500 : 200;
        case "/gone" -> 400;
        default -> 200;
      };
      if (status == 200) {
        accepted.add(path + " " + exchange.getRequestHeaders().getFirst("X-Stella-Delivery-Id") + " "
            + new String(body, StandardCharsets.UTF_8));
      }
      byte[] answer = (status == 400 ? "no such hook" : "ok").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    http.start();
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    System.setProperty("stella.smtp.host", "127.0.0.1");
    System.setProperty("stella.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
    System.setProperty("stella.smtp.from", "stella@example.test");
  }

  @AfterEach
  void stop() {
    http.stop(0);
    smtp.stop();
    System.clearProperty("stella.smtp.host");
    System.clearProperty("stella.smtp.port");
    System.clearProperty("stella.smtp.from");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + path;
  }

  @Test
  void anInvalidRuleIsRefusedWithFileLineColumnAndReasonAndNothingIsApplied(@TempDir Path dir) throws Exception {
    String db = TestDatabase.fresh();
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, String.join("\n",
        "name: good-rule",
        "actions:",
        "  - channel: webhook",
        "    target: \"" + url("/ok") + "\"",
        "---",
        "name: bad-rule",
        "match:",
        "  minSeverity: high",
        "actions:",
        "  - channel: pager",
        "    target: \"#sec\"",
        ""));

    CliRun.run(db, "notify", "rules", "list"); // migrates
    CliRun refused = CliRun.run(db, "notify", "rules", "apply", file.toString());

    assertThat(refused.exitCode()).isEqualTo(3);
    assertThat(refused.err()).contains(file + ":10:14: actions[0].channel: channel is one of webhook, slack, teams, email;"
        + " got 'pager'").contains("nothing applied");
    assertThat(Sql.count(db, "SELECT count(*) FROM notify.rule")).isZero();

    Files.writeString(file, Files.readString(file).replace("pager", "slack").replace("\"#sec\"", "\"" + url("/slack") + "\""));
    CliRun applied = CliRun.run(db, "notify", "rules", "apply", file.toString());
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("rule good-rule: created", "rule bad-rule: created");
    assertThat(CliRun.run(db, "notify", "rules", "apply", file.toString()).out()).contains("rule bad-rule: unchanged");
    CliRun listed = CliRun.run(db, "notify", "rules", "list");
    assertThat(listed.out()).contains("bad-rule", ">=high", "slack " + url("/slack"));
  }

  @Test
  void theOutboxSendsEachMessageOnceRetriesServerErrorsAndKeepsClientErrorsAsDeadLetters() throws Exception {
    String db = TestDatabase.fresh();
    CliRun.run(db, "notify", "deliveries"); // migrates
    RescanDelta event = new RescanDelta(RescanDelta.eventId("sha256:" + "a".repeat(64), 2, "", "sha256:v"),
        RescanDelta.KIND, "sha256:" + "a".repeat(64), "registry.example/shop", 2, 1_700_000_000_000L, "sha256:v", "",
        "FAIL", "", 2, 1, 0, "critical", new String[] {"CVE-2099-0001", "CVE-2099-0002"});
    List<NotifyRule> rules = NotifyRuleYaml.read("rules.yaml", String.join("\n",
        "name: alerts",
        "actions:",
        "  - channel: webhook",
        "    target: \"" + url("/flaky") + "\"",
        "  - channel: webhook",
        "    target: \"" + url("/gone") + "\"",
        "  - channel: email",
        "    target: soc@example.test",
        "  - channel: teams",
        "    target: \"" + url("/teams") + "\""));
    try (SingleConnectionDataSource ds = new SingleConnectionDataSource(db, true)) {
      DeliveryStore store = new DeliveryStore(new JdbcTemplate(ds));
      for (int a = 0; a < 4; a++) {
        OutboxMessage message = OutboxMessage.of(rules.get(0), a, List.of(event), 0, 0, false);
        assertThat(store.enqueue(message)).isTrue();
        assertThat(store.enqueue(message)).as("the same message is queued once").isFalse();
      }
    }

    CliRun first = CliRun.run(db, "notify", "dispatch", "--once");
    assertThat(first.out()).contains("handled 4 message(s): 2 sent, 1 to retry, 1 dead");
    Thread.sleep(1_200); // the first backoff is one second
    CliRun second = CliRun.run(db, "notify", "dispatch", "--once");
    assertThat(second.out()).contains("handled 1 message(s): 1 sent, 0 to retry, 0 dead");
    assertThat(CliRun.run(db, "notify", "dispatch", "--once").out()).contains("handled 0 message(s)");

    assertThat(requests.get("/flaky").get()).isEqualTo(2);
    assertThat(requests.get("/gone").get()).as("a 4xx is not retried").isEqualTo(1);
    assertThat(accepted.stream().filter(a -> a.startsWith("/flaky "))).hasSize(1)
        .allSatisfy(a -> assertThat(a).contains("\"schema\"", "stella.notify/v1", "CVE-2099-0001", "\"newCriticals\"", "alerts"));
    assertThat(accepted.stream().filter(a -> a.startsWith("/teams "))).singleElement()
        .satisfies(a -> assertThat(a).contains("application/vnd.microsoft.card.adaptive", "AdaptiveCard",
            "registry.example/shop", "1 critical"));
    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains("[stella] alerts", "registry.example/shop", "2 new findings (1 critical)");
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("soc@example.test");
    assertThat(((String) mails[0].getContent())).contains("CVE-2099-0001, CVE-2099-0002");

    CliRun failed = CliRun.run(db, "notify", "deliveries", "--failed");
    assertThat(failed.out()).contains("/gone", "dead", "HTTP 400: no such hook").doesNotContain("/flaky");
    CliRun all = CliRun.run(db, "notify", "deliveries", "--format", "json");
    assertThat(all.out()).contains("\"status\" : \"sent\"", "\"attempts\" : 2");
    assertThat(Sql.count(db, "SELECT count(*) FROM notify.delivery WHERE status = 'sent'")).isEqualTo(3);
  }

  private static CliRun withoutDatabase(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = org.stellaops.jobs.cli.StellaMain.execute(new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true),
        args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void notifyTestSendsStraightToTheTargetAndSaysWhatHappened() {
    CliRun ok = withoutDatabase("notify", "test", "--channel", "slack", "--target", url("/slack"));
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("delivered to " + url("/slack") + " over slack: HTTP 200");
    assertThat(accepted).singleElement().satisfies(a -> assertThat(a).contains("\"text\"", "test message"));

    CliRun gone = withoutDatabase("notify", "test", "--channel", "webhook", "--target", url("/gone"));
    assertThat(gone.exitCode()).isEqualTo(8);
    assertThat(gone.err()).contains("not delivered (permanent)", "HTTP 400");
  }
}
