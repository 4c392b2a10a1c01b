package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Upstream errors keep their meaning; body caps and spend limits answer with clear JSON. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.defaults.metrics.export.enabled=true")
class LimitsAndUpstreamErrorsTest {

  static final TestingStreamingModel MODEL = StreamingTest.start();
  static final int MAX_BODY = 16_384;
  static final int TOKENS_PER_REQUEST = 1000;
  static final int TOKENS_PER_HOUR = 30;
  static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path root = Files.createTempDirectory("chatbot-limits-test");
    registry.add("CHATBOT_UPLOADS_DIR", () -> root.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> root.resolve("exports").toString());
    registry.add("CHATBOT_MODEL_PROVIDER", () -> "openai");
    registry.add("CHATBOT_MODEL_BASE_URL", MODEL::baseUrl);
    registry.add("CHATBOT_MAX_REQUEST_BYTES", () -> Integer.toString(MAX_BODY));
    registry.add("CHATBOT_LIMIT_TOKENS_PER_REQUEST", () -> Integer.toString(TOKENS_PER_REQUEST));
    registry.add("CHATBOT_LIMIT_TOKENS_PER_HOUR", () -> Integer.toString(TOKENS_PER_HOUR));
  }

  @AfterAll
  static void stop() {
    MODEL.close();
  }

  @BeforeEach
  void reset() {
    MODEL.reset();
    MODEL.tokenMillis = 1;
  }

  HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) {
    return new TestingHttp(port).postRaw(path, body);
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, HttpRequest.BodyPublishers.ofString(body));
  }

  static String completion(String content) {
    return "{\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  @Test
  void modelRefusalIs400AndModelRateLimitIs429WithRetryAfter() throws Exception {
    MODEL.failWith = 400;
    HttpResponse<String> refused = post("/api/chat", "{\"message\":\"hi\"}");
    MODEL.failWith = 429;
    HttpResponse<String> limited = post("/v1/chat/completions", completion("hi"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(json(refused).get("error").asString()).isEqualTo("model_rejected_request");
    assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    JsonNode error = json(limited).get("error");
    assertThat(error.get("type").asString()).isEqualTo("rate_limit_error");
    assertThat(error.get("code").asString()).isEqualTo("model_rate_limited");
  }

  @Test
  void bodiesOverTheCapAre413DeclaredOrChunked() throws Exception {
    String big = "{\"message\":\"" + "x".repeat(MAX_BODY) + "\"}";

    HttpResponse<String> declared = post("/api/chat", big);
    HttpResponse<String> chunked =
        post(
            "/v1/chat/completions",
            HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(completion("x".repeat(MAX_BODY)).getBytes())));

    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
    assertThat(json(declared).get("error").asString()).isEqualTo("request_too_large");
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
    assertThat(json(chunked).get("error").get("code").asString()).isEqualTo("request_too_large");
  }

  @Test
  void spendLimitsCapTheAnswerRefuseLongPromptsAndStopAfterTheHourlyBudget() throws Exception {
    HttpResponse<String> tooLong = post("/api/chat", "{\"message\":\"" + "y".repeat(4100) + "\"}");
    assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(429);
    assertThat(json(tooLong).get("error").asString()).isEqualTo("spend_limit_exceeded");
    assertThat(json(tooLong).get("message").asString()).contains("per request");

    HttpResponse<String> last = null;
    int answered = 0;
    for (int i = 0; i < 10; i++) {
      last = post("/v1/chat/completions", completion("hello"));
      if (last.statusCode() != 200) {
        break;
      }
      answered++;
    }

    // Each answer costs 9 tokens (the fake model's usage); the 4th passes the 30-token budget.
    assertThat(answered).isEqualTo(4);
    assertThat(last.statusCode()).as(last.body()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    assertThat(json(last).get("error").get("message").asString()).contains("per hour");
    assertThat(MODEL.lastRequest).containsPattern("\"max_(completion_)?tokens\"\\s*:\\s*\\d+");
    assertThat(new TestingHttp(port).get("/actuator/prometheus").body())
        .containsPattern("chatbot_spend_limited_total\\{.*window=\"hour\".*} [1-9]");
  }
}
