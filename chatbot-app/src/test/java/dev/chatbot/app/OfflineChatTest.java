package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OfflineChatTest extends OfflineAppTestBase {

  private String upload(String name, String text) {
    TestingHttp.Response response = http.upload(name, text.getBytes(StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("id").asString();
  }

  @Test
  void offlineAnswerCitesTheUploadedDocument() {
    String id =
        upload(
            "volcanoes.md",
            "Volcanoes erupt when magma rises through the crust.\n\n"
                + "The largest volcano in the solar system is Olympus Mons on Mars.");

    TestingHttp.Response response =
        http.postJson("/api/chat", Map.of("message", "Which is the largest volcano?"));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode body = response.json();
    assertThat(body.get("answer").asString())
        .startsWith("Offline mode (no language model configured). From your documents:")
        .contains("[1]")
        .contains("Olympus Mons");
    assertThat(body.get("citations").findValuesAsString("documentId")).contains(id);
    assertThat(body.get("citations").get(0).get("name").asString()).isNotBlank();
    assertThat(body.get("conversationId").asString()).isNotBlank();
  }

  @Test
  void conversationContinuesAndIsExportedAsMarkdownAndJson() throws Exception {
    upload("tea.txt", "Green tea is steeped at 80 degrees Celsius for two minutes.");
    String conversationId =
        http.postJson("/api/chat", Map.of("message", "How hot for green tea?"))
            .json()
            .get("conversationId")
            .asString();
    TestingHttp.Response second =
        http.postJson(
            "/api/chat", Map.of("message", "And how long?", "conversationId", conversationId));
    assertThat(second.json().get("conversationId").asString()).isEqualTo(conversationId);

    TestingHttp.Response export = http.post("/api/conversations/" + conversationId + "/export");

    assertThat(export.status()).as(export.body()).isEqualTo(201);
    var files = export.json().get("files");
    String markdown = Files.readString(ROOT.resolve("exports").resolve(files.get(0).asString()));
    assertThat(markdown).contains("How hot for green tea?").contains("And how long?");
    String json = Files.readString(ROOT.resolve("exports").resolve(files.get(1).asString()));
    assertThat(TestingHttp.json().readTree(json).get("messages").size()).isEqualTo(4);
  }

  @Test
  void exportOfUnknownConversationIs404Json() {
    TestingHttp.Response response = http.post("/api/conversations/does-not-exist/export");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("status").asInt()).isEqualTo(404);
    assertThat(response.json().get("error").asString()).isEqualTo("not_found");
  }

  @Test
  void streamSendsTokensThenDone() {
    upload("birds.md", "Penguins cannot fly but they swim very well.");

    TestingHttp.Response response =
        http.postJson("/api/chat/stream", Map.of("message", "Can penguins fly?"));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("text/event-stream");
    assertThat(response.body()).contains("event:token").contains("event:done");
    assertThat(response.body()).contains("Penguins");
  }

  @Test
  void completionsEndpointSpeaksOpenAi() {
    TestingHttp.Response plain =
        http.postJson(
            "/v1/chat/completions",
            Map.of(
                "model",
                "x",
                "messages",
                java.util.List.of(Map.of("role", "user", "content", "hi"))));
    assertThat(plain.status()).as(plain.body()).isEqualTo(200);
    assertThat(plain.json().get("object").asString()).isEqualTo("chat.completion");
    assertThat(plain.json().get("choices").get(0).get("message").get("content").asString())
        .startsWith("Offline mode");

    TestingHttp.Response streamed =
        http.postJson(
            "/v1/chat/completions",
            Map.of(
                "stream",
                true,
                "messages",
                java.util.List.of(Map.of("role", "user", "content", "hi"))));
    assertThat(streamed.status()).isEqualTo(200);
    assertThat(streamed.body()).contains("data:{").contains("chat.completion.chunk");
    assertThat(streamed.body().strip()).endsWith("data:[DONE]");
  }

  @Test
  void deletedDocumentIsNoLongerListedOrCited() {
    String id = upload("secret.txt", "The launch code for the zeppelin is banana-42.");

    assertThat(http.delete("/api/documents/" + id).status()).isEqualTo(204);

    assertThat(http.get("/api/documents").json().get("documents").findValuesAsString("id"))
        .doesNotContain(id);
    assertThat(http.postJson("/api/chat", Map.of("message", "zeppelin launch code")).body())
        .doesNotContain(id);
    assertThat(ROOT.resolve("uploads").resolve(id + ".txt")).doesNotExist();
  }
}
