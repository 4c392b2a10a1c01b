package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Streams against a fake model on loopback that produces one token every 100-250 ms: tokens must
 * reach the client as they are produced, concurrent streams must run side by side, and a client
 * that leaves must stop the model without being counted as a model failure.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.defaults.metrics.export.enabled=true")
class StreamingTest {

  static final int MAX_GENERATIONS = 32;
  static final TestingStreamingModel MODEL = start();
  static final String CHAT = "{\"message\":\"hi\"}";
  static final String COMPLETION =
      "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @LocalServerPort int port;
  final HttpClient client =
      HttpClient.newBuilder().executor(Executors.newCachedThreadPool()).build();

  static TestingStreamingModel start() {
    try {
      return new TestingStreamingModel();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path root = Files.createTempDirectory("chatbot-streaming-test");
    registry.add("CHATBOT_UPLOADS_DIR", () -> root.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> root.resolve("exports").toString());
    registry.add("CHATBOT_MODEL_PROVIDER", () -> "openai");
    registry.add("CHATBOT_MODEL_BASE_URL", MODEL::baseUrl);
    registry.add("CHATBOT_MODEL_NAME", () -> "fake");
    registry.add("CHATBOT_MODEL_TIMEOUT_SECONDS", () -> "20");
    registry.add("CHATBOT_MAX_CONCURRENT_GENERATIONS", () -> Integer.toString(MAX_GENERATIONS));
    registry.add("CHATBOT_SSE_HEARTBEAT_SECONDS", () -> "1");
  }

  @AfterAll
  static void stop() {
    MODEL.close();
  }

  @BeforeEach
  void reset() {
    MODEL.reset();
  }

  /**
   * Seconds from the request to the first and to the last token line, all lines, and the {@link
   * System#nanoTime()} the first and the last token line arrived at.
   */
  record Timing(
      double first, double last, List<String> lines, int status, long firstAt, long lastAt) {}

  Timing stream(String path, String body) {
    long start = System.nanoTime();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<java.util.stream.Stream<String>> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofLines());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    long firstAt = 0;
    long lastAt = 0;
    List<String> lines = new ArrayList<>();
    for (Iterator<String> it = response.body().iterator(); it.hasNext(); ) {
      String line = it.next();
      lines.add(line);
      if (line.contains("\"t")) {
        lastAt = System.nanoTime();
        firstAt = firstAt == 0 ? lastAt : firstAt;
      }
    }
    return new Timing(
        firstAt == 0 ? -1 : (firstAt - start) / 1e9,
        lastAt == 0 ? -1 : (lastAt - start) / 1e9,
        lines,
        response.statusCode(),
        firstAt,
        lastAt);
  }

  @Test
  void firstTokenArrivesWellBeforeTheLastOnBothStreamingEndpoints() {
    MODEL.tokens = 10;
    MODEL.tokenMillis = 250;

    Timing chat = stream("/api/chat/stream", CHAT);
    Timing openAi = stream("/v1/chat/completions", COMPLETION);

    // The model writes its last token 2.25 s after its first. Measured against the model's own
    // writes, not the request's start: the first request of a fresh JVM also pays for class loading
    // and the first embedding before the model is called, which is not what streaming is about.
    List<TestingStreamingModel.Written> written = MODEL.written();
    assertThat(written).hasSize(2);
    for (int i = 0; i < 2; i++) {
      Timing t = List.of(chat, openAi).get(i);
      TestingStreamingModel.Written w = written.get(i);
      assertThat((t.firstAt() - w.firstToken()) / 1e9)
          .as("seconds from the model's first token to the client's: %s", t.lines())
          .isLessThan(1.0);
      assertThat((w.lastToken() - t.firstAt()) / 1e9)
          .as("seconds between the client's first token and the model's last")
          .isGreaterThan(1.25);
      assertThat(t.last() - t.first()).isGreaterThan(1.5);
    }
    assertThat(chat.lines()).contains("event:done");
    // 2.5 s of answer with a 1-s heartbeat: idle proxies see traffic between slow tokens.
    assertThat(openAi.lines()).anyMatch(line -> line.startsWith(":keepalive"));
    assertThat(openAi.lines()).contains("data:[DONE]");
  }

  @Test
  void thirtyTwoConcurrentStreamsRunSideBySideAndOneMoreGets503() throws Exception {
    MODEL.tokens = 8;
    MODEL.tokenMillis = 250;

    List<CompletableFuture<Timing>> streams = new ArrayList<>();
    for (int i = 0; i < MAX_GENERATIONS; i++) {
      String path = i % 2 == 0 ? "/api/chat/stream" : "/v1/chat/completions";
      String body = i % 2 == 0 ? CHAT : COMPLETION;
      streams.add(CompletableFuture.supplyAsync(() -> stream(path, body), client.executor().get()));
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> metric("chatbot_generations_in_flight") >= MAX_GENERATIONS);
    TestingHttp.Response refused = new TestingHttp(port).postJson("/api/chat", CHAT);
    List<Timing> done = new ArrayList<>();
    for (CompletableFuture<Timing> s : streams) {
      done.add(s.get());
    }

    // One answer spans 1.75 s from its first token to its last; waves of 8 would span 7.75 s for
    // 32. Timed from the first token any client received, so a fresh JVM's warm-up before the
    // first model call is not in it, and on the clients' side, so buffering in the app counts.
    assertThat(MODEL.completed()).isEqualTo(MAX_GENERATIONS);
    long firstOfAll = done.stream().mapToLong(Timing::firstAt).min().orElseThrow();
    long lastFirst = done.stream().mapToLong(Timing::firstAt).max().orElseThrow();
    long lastOfAll = done.stream().mapToLong(Timing::lastAt).max().orElseThrow();
    assertThat((lastFirst - firstOfAll) / 1e9)
        .as("spread of the clients' first tokens")
        .isLessThan(1.5);
    assertThat((lastOfAll - firstOfAll) / 1e9).as("seconds for all 32 answers").isLessThan(4.0);
    assertThat(done).allSatisfy(t -> assertThat(t.last() - t.first()).isGreaterThan(1.0));
    assertThat(refused.status()).as(refused.body()).isEqualTo(503);
    assertThat(refused.json().get("error").asString()).isEqualTo("busy");
  }

  @Test
  void clientThatLeavesCancelsTheModelCallAndIsNoModelError(CapturedOutput output)
      throws Exception {
    MODEL.tokens = 40;
    MODEL.tokenMillis = 100;
    double errorsBefore = metric("chatbot_model_errors_total");

    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/chat/stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                  + "\r\nContent-Length: "
                  + CHAT.length()
                  + "\r\n\r\n"
                  + CHAT)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("event:token")) {
        // headers and the first lines until a token arrives
      }
      assertThat(line).isNotNull();
    }

    // 40 tokens take 4 s; the model notices the cancel at its next write.
    await().atMost(Duration.ofSeconds(3)).until(() -> MODEL.abandoned() == 1);
    assertThat(MODEL.completed()).isZero();
    assertThat(metric("chatbot_model_errors_total")).isEqualTo(errorsBefore);
    assertThat(metric("chatbot_stream_disconnects_total")).isGreaterThanOrEqualTo(1);
    await().atMost(Duration.ofSeconds(3)).until(() -> metric("chatbot_generations_in_flight") == 0);
  }

  @Test
  void streamsCarryNoBufferingHeaderAndUsageWhenAsked() {
    MODEL.tokens = 3;
    MODEL.tokenMillis = 10;
    String body =
        "{\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> response = send("/v1/chat/completions", body);

    assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    assertThat(response.body())
        .contains("\"finish_reason\":\"stop\"")
        .contains("\"usage\":{")
        .contains("\"completion_tokens\":3");
  }

  HttpResponse<String> send(String path, String body) {
    return new TestingHttp(port).postRaw(path, HttpRequest.BodyPublishers.ofString(body));
  }

  /** Sum of all series of a Prometheus metric. */
  double metric(String name) {
    String text = new TestingHttp(port).get("/actuator/prometheus").body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }
}
