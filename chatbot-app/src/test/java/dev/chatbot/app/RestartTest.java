package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class RestartTest {

  @TempDir Path root;

  private ConfigurableApplicationContext start() {
    return TestingApp.start(root);
  }

  private static TestingHttp client(ConfigurableApplicationContext context) {
    return TestingApp.client(context);
  }

  @Test
  void documentsAndConversationsSurviveARestart() {
    String documentId;
    String conversationId;
    try (ConfigurableApplicationContext first = start()) {
      TestingHttp http = client(first);
      documentId =
          http.upload(
                  "rivers.md",
                  "The Danube flows through ten countries.".getBytes(StandardCharsets.UTF_8))
              .json()
              .get("id")
              .asString();
      conversationId =
          http.postJson("/api/chat", Map.of("message", "Danube countries?"))
              .json()
              .get("conversationId")
              .asString();
    }

    try (ConfigurableApplicationContext second = start()) {
      TestingHttp http = client(second);

      assertThat(http.get("/api/documents").json().get("documents").findValuesAsString("id"))
          .containsExactly(documentId);
      TestingHttp.Response answer =
          http.postJson(
              "/api/chat",
              Map.of("message", "How many countries?", "conversationId", conversationId));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().get("citations").findValuesAsString("documentId"))
          .contains(documentId);
      assertThat(http.post("/api/conversations/" + conversationId + "/export").status())
          .isEqualTo(201);
    }
  }
}
