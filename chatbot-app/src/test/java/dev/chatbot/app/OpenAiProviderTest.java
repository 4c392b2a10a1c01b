package dev.chatbot.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.defaults.metrics.export.enabled=true")
class OpenAiProviderTest {

  static final WireMockServer MODEL = start();
  static final String PATH = "/v1/chat/completions";

  @LocalServerPort int port;
  TestingHttp http;

  static WireMockServer start() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return server;
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path root = Files.createTempDirectory("chatbot-openai-test");
    registry.add("CHATBOT_UPLOADS_DIR", () -> root.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> root.resolve("exports").toString());
    registry.add("CHATBOT_MODEL_PROVIDER", () -> "openai");
    registry.add("CHATBOT_MODEL_BASE_URL", () -> MODEL.baseUrl() + "/v1");
    registry.add("CHATBOT_MODEL_NAME", () -> "test-model");
    registry.add("CHATBOT_MODEL_API_KEY", () -> "sk-test");
    registry.add("CHATBOT_SYSTEM_PROMPT", () -> "You are the test bot.");
    registry.add("CHATBOT_MODEL_TIMEOUT_SECONDS", () -> "1");
  }

  @AfterAll
  static void stop() {
    MODEL.stop();
  }

  @BeforeEach
  void reset() {
    MODEL.resetAll();
    http = new TestingHttp(port);
  }

  private static String completion(String content) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-model\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";
  }

  private static String chunk(String content) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
        + "\"model\":\"test-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content
        + "\"},\"finish_reason\":null}]}\n\n";
  }

  @Test
  void answersWithTheModelAndSendsSystemPromptAndPassages() {
    http.upload("ships.md", "The Titanic sank in 1912.".getBytes());
    MODEL.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(completion("It sank in 1912 [1]."))));

    TestingHttp.Response response =
        http.postJson("/api/chat", Map.of("message", "When did the Titanic sink?"));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("answer").asString()).isEqualTo("It sank in 1912 [1].");
    assertThat(response.json().get("citations").size()).isEqualTo(1);
    MODEL.verify(
        postRequestedFor(urlPathEqualTo(PATH))
            .withHeader("Authorization", containing("sk-test"))
            .withRequestBody(containing("You are the test bot."))
            .withRequestBody(containing("Titanic")));
    assertThat(http.get("/actuator/prometheus").body())
        .containsPattern("chatbot_tokens_total\\{.*direction=\"output\".*} [1-9]");
  }

  @Test
  void streamsTheModelsTokens() {
    MODEL.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(chunk("Hel") + chunk("lo") + "data: [DONE]\n\n")));

    TestingHttp.Response response = http.postJson("/api/chat/stream", Map.of("message", "hi"));
    TestingHttp.Response openAi =
        http.postJson(
            "/v1/chat/completions",
            Map.of(
                "stream",
                true,
                "messages",
                java.util.List.of(Map.of("role", "user", "content", "hi"))));

    assertThat(response.body())
        .contains("{\"text\":\"Hel\"}")
        .contains("event:done")
        .contains("Hello");
    assertThat(openAi.body()).contains("\"content\":\"Hel\"").contains("data:[DONE]");
  }

  @Test
  void modelServerErrorIs502() {
    MODEL.stubFor(
        post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody("boom")));

    TestingHttp.Response response = http.postJson("/api/chat", Map.of("message", "hi"));

    assertThat(response.status()).as(response.body()).isEqualTo(502);
    assertThat(response.json().get("error").asString()).isEqualTo("model_unavailable");
    assertThat(http.get("/actuator/prometheus").body())
        .containsPattern("chatbot_model_errors_total\\{.*kind=\"unavailable\".*} [1-9]");
  }

  @Test
  void slowModelIs504() {
    MODEL.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(aResponse().withFixedDelay(3000).withBody(completion("late"))));

    TestingHttp.Response response = http.postJson("/api/chat", Map.of("message", "hi"));

    assertThat(response.status()).as(response.body()).isEqualTo(504);
    assertThat(response.json().get("error").asString()).isEqualTo("model_timeout");
  }

  @Test
  void malformedModelAnswerIs502() {
    MODEL.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(
                aResponse().withHeader("Content-Type", "application/json").withBody("{not json")));

    TestingHttp.Response response = http.postJson("/api/chat", Map.of("message", "hi"));

    assertThat(response.status()).as(response.body()).isEqualTo(502);
    assertThat(response.json().get("status").asInt()).isEqualTo(502);
  }

  @Test
  void unreachableModelIs502() {
    MODEL.stubFor(
        post(urlPathEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withFault(
                        com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));

    TestingHttp.Response response = http.postJson("/api/chat", Map.of("message", "hi"));

    assertThat(response.status()).as(response.body()).isEqualTo(502);
  }
}
