package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActuatorTest extends OfflineAppTestBase {

  @Test
  void probesAreUpAndReadinessChecksStorageAndIndex() {
    TestingHttp.Response liveness = http.get("/actuator/health/liveness");
    TestingHttp.Response readiness = http.get("/actuator/health/readiness");

    assertThat(liveness.status()).isEqualTo(200);
    assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
    assertThat(readiness.json().get("components").get("storage").get("status").asString())
        .isEqualTo("UP");
    assertThat(readiness.json().get("components").get("index").get("status").asString())
        .isEqualTo("UP");
  }

  @Test
  void prometheusExposesChatbotMetrics() {
    http.upload("m.txt", "metrics are numbers".getBytes(StandardCharsets.UTF_8));
    http.postJson("/api/chat", Map.of("message", "numbers?"));

    TestingHttp.Response response = http.get("/actuator/prometheus");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("chatbot_requests_total")
        .contains("chatbot_request_seconds_bucket")
        .contains("chatbot_model_errors_total")
        .contains("chatbot_documents")
        .contains("chatbot_uploads_total")
        .contains("chatbot_index_chunks")
        .contains("chatbot_retrieval_seconds_bucket")
        .contains("chatbot_streams_in_flight")
        .contains("chatbot_generations_in_flight")
        .contains("chatbot_stream_disconnects_total");
  }

  @Test
  void uiIsServedWithoutExternalResources() {
    TestingHttp.Response index = http.get("/");

    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("app.js").contains("app.css").doesNotContain("https://");
    assertThat(http.get("/app.js").body()).contains("api/chat/stream");
  }
}
