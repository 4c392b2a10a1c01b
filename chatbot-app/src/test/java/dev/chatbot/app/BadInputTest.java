package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadInputTest extends OfflineAppTestBase {

  private String keptId;
  private String keptConversation;
  private byte[] keptContent;

  @BeforeEach
  void storeSomethingThatMustSurvive() {
    keptContent =
        "Sourdough needs a starter fed with flour and water.".getBytes(StandardCharsets.UTF_8);
    keptId = http.upload("bread.txt", keptContent).json().get("id").asString();
    keptConversation =
        http.postJson("/api/chat", Map.of("message", "What does sourdough need?"))
            .json()
            .get("conversationId")
            .asString();
  }

  private void assertJsonError(TestingHttp.Response response, int status) throws Exception {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.json().get("status").asInt()).isEqualTo(status);
    assertThat(response.json().get("error").asString()).isNotBlank();
    assertThat(response.json().get("message").asString()).isNotBlank();
    // nothing stored before is lost or corrupted
    assertThat(http.get("/api/documents").json().get("documents").findValuesAsString("id"))
        .contains(keptId);
    assertThat(Files.readAllBytes(uploads().resolve(keptId + ".txt"))).isEqualTo(keptContent);
    assertThat(http.post("/api/conversations/" + keptConversation + "/export").status())
        .isEqualTo(201);
  }

  private static Path uploads() {
    return ROOT.resolve("uploads");
  }

  @Test
  void malformedJsonIs400() throws Exception {
    assertJsonError(http.postJson("/api/chat", "{\"message\": "), 400);
  }

  @Test
  void emptyMessageIs400() throws Exception {
    assertJsonError(http.postJson("/api/chat", Map.of("message", "  ")), 400);
    assertJsonError(http.postJson("/api/chat/stream", Map.of("message", "")), 400);
  }

  @Test
  void tooLongMessageIs400() throws Exception {
    assertJsonError(http.postJson("/api/chat", Map.of("message", "x".repeat(8001))), 400);
  }

  @Test
  void unknownConversationIs404AndPathTrickIs400() throws Exception {
    assertJsonError(
        http.postJson("/api/chat", Map.of("message", "hi", "conversationId", "nope")), 404);
    assertJsonError(
        http.postJson("/api/chat", Map.of("message", "hi", "conversationId", "../../etc/passwd")),
        400);
  }

  @Test
  void oversizedUploadIs413() throws Exception {
    byte[] big = "a".repeat((int) MAX_UPLOAD + 1).getBytes(StandardCharsets.UTF_8);
    assertJsonError(http.upload("big.txt", big), 413);
  }

  @Test
  void emptyUploadIs400() throws Exception {
    assertJsonError(http.upload("empty.txt", new byte[0]), 400);
  }

  @Test
  void binaryContentIs415() throws Exception {
    assertJsonError(http.upload("fake.txt", new byte[] {'a', 0, 'b'}), 415);
    assertJsonError(http.upload("latin1.md", new byte[] {'c', 'a', 'f', (byte) 0xE9}), 415);
    assertJsonError(http.upload("fake.pdf", "not a pdf".getBytes(StandardCharsets.UTF_8)), 415);
  }

  @Test
  void unsupportedExtensionIs415() throws Exception {
    assertJsonError(http.upload("tool.exe", "MZ".getBytes(StandardCharsets.UTF_8)), 415);
  }

  @Test
  void pathTricksInFileNamesStayInsideTheUploadsDirectory() throws Exception {
    TestingHttp.Response response =
        http.upload("../../evil.md", "harmless text".getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().get("name").asString()).isEqualTo("evil.md");
    assertThat(ROOT.resolve("evil.md")).doesNotExist();
    assertThat(uploads().resolve(response.json().get("id").asString() + ".md")).exists();
  }

  @Test
  void unknownDocumentAndUnknownPathAre404() throws Exception {
    assertJsonError(http.delete("/api/documents/00000000-0000-0000-0000-000000000000"), 404);
    assertJsonError(http.get("/api/nothing-here"), 404);
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    assertJsonError(http.post("/api/chat"), 415);
  }
}
