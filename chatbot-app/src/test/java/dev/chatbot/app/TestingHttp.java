package dev.chatbot.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests against a running app (JDK client, no Spring test client). */
public final class TestingHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String authorization;
  private final String forwardedFor;

  public TestingHttp(int port) {
    this("http://localhost:" + port, null, null);
  }

  private TestingHttp(String base, String authorization, String forwardedFor) {
    this.base = base;
    this.authorization = authorization;
    this.forwardedFor = forwardedFor;
  }

  public TestingHttp withBearer(String key) {
    return new TestingHttp(base, "Bearer " + key, forwardedFor);
  }

  /** As if behind a proxy that saw the client at {@code address}. */
  public TestingHttp forwardedFor(String address) {
    return new TestingHttp(base, authorization, address);
  }

  public TestingHttp withBasicAuth(String user, String password) {
    String credentials = user + ":" + password;
    return new TestingHttp(
        base,
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
        forwardedFor);
  }

  /** Status, body and content type of one exchange. */
  public record Response(int status, String body, String contentType) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** Waits for readiness UP: the index is built in the background after startup. */
  public TestingHttp awaitReady() {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> get("/actuator/health/readiness").status() == 200);
    return this;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response delete(String path) {
    return send(request(path).DELETE());
  }

  public Response postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response postJson(String path, Object body) {
    return postJson(path, JSON.writeValueAsString(body));
  }

  /** A JSON POST with the whole JDK response (headers too); the body publisher may be chunked. */
  public HttpResponse<String> postRaw(String path, HttpRequest.BodyPublisher body) {
    try {
      return client.send(
          request(path).header("Content-Type", "application/json").POST(body).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response post(String path) {
    return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public Response upload(String fileName, byte[] content) {
    String boundary = "----test" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + content.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(content, 0, body, head.length, content.length);
    System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
    return send(
        request("/api/documents")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (forwardedFor != null) {
      builder.header("X-Forwarded-For", forwardedFor);
    }
    return builder;
  }

  private Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonMapper json() {
    return JSON;
  }
}
