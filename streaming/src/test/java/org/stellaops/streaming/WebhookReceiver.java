package org.stellaops.streaming;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** A real HTTP receiver (the JDK's server) that records what it accepted, per path. */
final class WebhookReceiver implements AutoCloseable {
  /** One accepted request. */
  record Received(String path, String deliveryId, String body, long atMillis) {}

  private final HttpServer server;
  private final List<Received> accepted = new CopyOnWriteArrayList<>();
  private final List<Received> refused = new CopyOnWriteArrayList<>();

  /** {@code status} answers each request (path, the n-th request to that path from 1) with a status. */
  WebhookReceiver(BiFunction<String, Integer, Integer> status) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int n;
      synchronized (this) {
        n = (int) (accepted.stream().filter(r -> r.path().equals(path)).count()
            + refused.stream().filter(r -> r.path().equals(path)).count()) + 1;
      }
      int code = status.apply(path, n);
      Received received = new Received(path, exchange.getRequestHeaders().getFirst("X-Stella-Delivery-Id"), body,
          System.currentTimeMillis());
      (code / 100 == 2 ? accepted : refused).add(received);
      byte[] answer = (code / 100 == 2 ? "ok" : "refused").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(code, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  WebhookReceiver() throws IOException {
    this((path, n) -> 200);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Received> accepted(String path) {
    return accepted.stream().filter(r -> r.path().equals(path)).toList();
  }

  List<Received> refused(String path) {
    return refused.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
