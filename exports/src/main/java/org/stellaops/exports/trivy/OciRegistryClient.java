package org.stellaops.exports.trivy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes an {@link OciArtifact} to a registry over the OCI distribution API: for each blob a
 * {@code HEAD} (skip it when present), else {@code POST /v2/<repo>/blobs/uploads/} and a monolithic
 * {@code PUT <location>?digest=}; then {@code PUT /v2/<repo>/manifests/<tag>}. Authenticates with
 * HTTP Basic, or with the bearer-token exchange a {@code 401} asks for. No OCI client library
 * resolves from the machine's Maven repository (jib-core builds container images, not artifacts
 * with their own media types), so these few calls are written here.
 */
public final class OciRegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final Optional<String> username;
  private final Optional<String> password;
  private final boolean plainHttp;
  private String authorization;

  /**
   * @param plainHttp talk HTTP rather than HTTPS (always so for {@code localhost} and loopback addresses)
   */
  public OciRegistryClient(Optional<String> username, Optional<String> password, boolean plainHttp) {
    this.username = username;
    this.password = password;
    this.plainHttp = plainHttp;
  }

  /** A reference {@code host[:port]/repository[:tag]}; the tag defaults to {@code 2}, as Trivy's does. */
  public record Reference(String host, String repository, String tag) {
    private static final Pattern FORM = Pattern.compile("([^/]+)/([a-z0-9]+(?:[._/-][a-z0-9]+)*)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?");

    public static Reference parse(String text) {
      Matcher m = FORM.matcher(text);
      if (!m.matches() || !(m.group(1).contains(".") || m.group(1).contains(":") || m.group(1).equals("localhost"))) {
        throw new IllegalArgumentException("'" + text + "' is not a registry reference of the form"
            + " HOST[:PORT]/REPOSITORY[:TAG] (repository in lower case, e.g. registry.example.com/stella/trivy-db:2)");
      }
      return new Reference(m.group(1), m.group(2), m.group(3) == null ? "2" : m.group(3));
    }

    @Override
    public String toString() {
      return host + "/" + repository + ":" + tag;
    }
  }

  /** What was pushed: the manifest digest, and how many blobs were uploaded rather than already there. */
  public record Pushed(String manifestDigest, int blobsUploaded, int blobsPresent) {}

  public Pushed push(Reference ref, OciArtifact artifact) throws IOException, InterruptedException {
    String base = (plainHttp || loopback(ref.host()) ? "http://" : "https://") + ref.host() + "/v2/" + ref.repository();
    int uploaded = 0;
    int present = 0;
    Map<String, HttpRequest.BodyPublisher> blobs = new LinkedHashMap<>();
    blobs.put(artifact.layerDigest(), HttpRequest.BodyPublishers.ofFile(artifact.layer()));
    blobs.put(OciArtifact.sha256(OciArtifact.EMPTY_CONFIG), HttpRequest.BodyPublishers.ofByteArray(OciArtifact.EMPTY_CONFIG));
    for (Map.Entry<String, HttpRequest.BodyPublisher> blob : blobs.entrySet()) {
      HttpResponse<String> head = send(ref, HttpRequest.newBuilder(URI.create(base + "/blobs/" + blob.getKey()))
          .method("HEAD", HttpRequest.BodyPublishers.noBody()));
      if (head.statusCode() == 200) {
        present++;
        continue;
      }
      HttpResponse<String> start = send(ref, HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()));
      expect(start, 202, "starting the upload of blob " + blob.getKey());
      String location = start.headers().firstValue("Location")
          .orElseThrow(() -> new IOException("registry " + ref.host() + " gave no Location for the upload of " + blob.getKey()));
      URI upload = URI.create(base).resolve(location);
      String query = (upload.getRawQuery() == null ? "" : upload.getRawQuery() + "&") + "digest="
          + URLEncoder.encode(blob.getKey(), StandardCharsets.UTF_8);
      URI target = URI.create(upload.getScheme() + "://" + upload.getRawAuthority() + upload.getRawPath() + "?" + query);
      HttpResponse<String> put = send(ref, HttpRequest.newBuilder(target)
          .header("Content-Type", "application/octet-stream").PUT(blob.getValue()));
      expect(put, 201, "uploading blob " + blob.getKey());
      uploaded++;
    }
    HttpResponse<String> manifest = send(ref, HttpRequest.newBuilder(URI.create(base + "/manifests/" + ref.tag()))
        .header("Content-Type", OciArtifact.MANIFEST_MEDIA_TYPE).PUT(HttpRequest.BodyPublishers.ofByteArray(artifact.manifest())));
    expect(manifest, 201, "putting the manifest as tag " + ref.tag());
    String digest = manifest.headers().firstValue("Docker-Content-Digest").orElse(artifact.manifestDigest());
    if (!digest.equals(artifact.manifestDigest())) {
      throw new IOException("registry " + ref.host() + " stored the manifest as " + digest + ", expected " + artifact.manifestDigest());
    }
    return new Pushed(digest, uploaded, present);
  }

  /** Fetches the manifest {@code ref} names, as a client such as Trivy would; for checks after a push. */
  public byte[] manifest(Reference ref) throws IOException, InterruptedException {
    String base = (plainHttp || loopback(ref.host()) ? "http://" : "https://") + ref.host() + "/v2/" + ref.repository();
    HttpResponse<byte[]> response = sendBytes(ref, HttpRequest.newBuilder(URI.create(base + "/manifests/" + ref.tag()))
        .header("Accept", OciArtifact.MANIFEST_MEDIA_TYPE).GET());
    if (response.statusCode() != 200) {
      throw new IOException("registry " + ref.host() + " answered " + response.statusCode() + " for manifest " + ref);
    }
    return response.body();
  }

  /** Fetches blob {@code digest} of {@code ref}'s repository to {@code file}. */
  public void blob(Reference ref, String digest, Path file) throws IOException, InterruptedException {
    String base = (plainHttp || loopback(ref.host()) ? "http://" : "https://") + ref.host() + "/v2/" + ref.repository();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/blobs/" + digest)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<Path> response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
    if (response.statusCode() != 200) {
      throw new IOException("registry " + ref.host() + " answered " + response.statusCode() + " for blob " + digest);
    }
  }

  private static boolean loopback(String host) {
    String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1) : host.replaceFirst(":\\d+$", "");
    return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
  }

  private static void expect(HttpResponse<String> response, int status, String what) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(what + ": registry answered " + response.statusCode() + " (expected " + status + ")"
          + (response.body() == null || response.body().isBlank() ? "" : ": " + abbreviate(response.body())));
    }
  }

  private static String abbreviate(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }

  private HttpResponse<String> send(Reference ref, HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpRequest built = withAuthorization(request).build();
    HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 401 && authenticate(ref, response.headers().firstValue("WWW-Authenticate"))) {
      response = http.send(withAuthorization(request).build(), HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  private HttpResponse<byte[]> sendBytes(Reference ref, HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(withAuthorization(request).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 401 && authenticate(ref, response.headers().firstValue("WWW-Authenticate"))) {
      response = http.send(withAuthorization(request).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
    return response;
  }

  private HttpRequest.Builder withAuthorization(HttpRequest.Builder request) {
    if (authorization != null) {
      request.setHeader("Authorization", authorization);
    }
    return request;
  }

  /** Answers a challenge: Basic with the given credentials, or a bearer token from the realm it names. */
  private boolean authenticate(Reference ref, Optional<String> challenge) throws IOException, InterruptedException {
    if (challenge.isEmpty()) {
      return false;
    }
    String header = challenge.get();
    String basic = username.isPresent()
        ? "Basic " + Base64.getEncoder().encodeToString((username.get() + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8))
        : null;
    if (header.regionMatches(true, 0, "Basic", 0, 5)) {
      if (basic == null || basic.equals(authorization)) {
        throw new IOException("registry " + ref.host() + " needs credentials (set STELLA_REGISTRY_USER and STELLA_REGISTRY_PASSWORD)");
      }
      authorization = basic;
      return true;
    }
    if (!header.regionMatches(true, 0, "Bearer", 0, 6)) {
      return false;
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = CHALLENGE_PARAM.matcher(header);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      return false;
    }
    String scope = params.getOrDefault("scope", "repository:" + ref.repository() + ":pull,push");
    StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?")
        .append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    if (params.containsKey("service")) {
      url.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
    }
    HttpRequest.Builder tokenRequest = HttpRequest.newBuilder(URI.create(url.toString())).GET();
    if (basic != null) {
      tokenRequest.header("Authorization", basic);
    }
    HttpResponse<String> response = http.send(tokenRequest.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("token service " + realm + " answered " + response.statusCode() + " for scope " + scope);
    }
    JsonNode token = JSON.readTree(response.body());
    String value = token.hasNonNull("token") ? token.get("token").asText() : token.path("access_token").asText("");
    if (value.isEmpty()) {
      throw new IOException("token service " + realm + " returned no token");
    }
    String bearer = "Bearer " + value;
    if (bearer.equals(authorization)) {
      return false;
    }
    authorization = bearer;
    return true;
  }
}
