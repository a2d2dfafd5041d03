package org.stellaops.connectors.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Webhook, Slack and Teams: one JSON POST. 2xx is delivered; 408, 429 and 5xx, timeouts and
 * connection failures are retried; any other status is permanent. Every request carries the
 * delivery id ({@code X-Stella-Delivery-Id}, also as {@code Idempotency-Key}) so a receiver can
 * drop the rare repeat after a crash between sending and recording.
 */
public final class HttpChannelSender implements ChannelSender {
  private final HttpClient client;
  private final Duration timeout;

  public HttpChannelSender(Duration timeout) {
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String send(OutboxMessage message) throws DeliveryException {
    String body = switch (Channel.ofLabel(message.channel()).orElseThrow()) {
      case SLACK -> MessageRenderer.slack(message.payload(), message.template());
      case TEAMS -> MessageRenderer.teams(message.payload(), message.template());
      case WEBHOOK -> message.payload();
      case EMAIL -> throw new IllegalArgumentException("e-mail is not sent over HTTP");
    };
    URI uri;
    try {
      uri = URI.create(message.target());
    } catch (IllegalArgumentException e) {
      throw DeliveryException.permanent("target is not a URL: " + message.target(), e);
    }
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "stella-notify")
        .header("X-Stella-Delivery-Id", message.deliveryId())
        .header("Idempotency-Key", message.deliveryId())
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw DeliveryException.retriable("no answer from " + uri + " within " + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw DeliveryException.retriable("cannot reach " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw DeliveryException.retriable("interrupted while sending to " + uri, e);
    }
    int status = response.statusCode();
    String answer = "HTTP " + status + (response.body().isBlank() ? "" : ": " + abbreviate(response.body()));
    if (status >= 200 && status < 300) {
      return "HTTP " + status;
    }
    if (status == 408 || status == 429 || status >= 500) {
      throw DeliveryException.retriable(uri + " answered " + answer, null);
    }
    throw DeliveryException.permanent(uri + " answered " + answer, null);
  }

  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
