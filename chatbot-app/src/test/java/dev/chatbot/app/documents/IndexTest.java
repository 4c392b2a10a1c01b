package dev.chatbot.app.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.app.TestingApp;
import dev.chatbot.app.TestingHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The index on disk: one file per document, repaired in the background, never fatal. */
class IndexTest {

  @TempDir Path root;

  private ConfigurableApplicationContext start() {
    return TestingApp.start(root);
  }

  private static TestingHttp client(ConfigurableApplicationContext context) {
    return TestingApp.client(context);
  }

  private Path indexFile(String id) {
    return root.resolve("uploads/.state/index/" + id + ".json");
  }

  private static String upload(TestingHttp http, String name, String text) {
    return http.upload(name, text.getBytes(StandardCharsets.UTF_8)).json().get("id").asString();
  }

  @Test
  void uploadAndDeleteTouchOnlyTheirOwnIndexFile() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      TestingHttp http = client(app);
      String kept = upload(http, "rivers.md", "The Danube flows through ten countries.");
      byte[] before = Files.readAllBytes(indexFile(kept));
      String removed = upload(http, "birds.md", "Penguins cannot fly.");
      assertThat(indexFile(removed)).exists();

      assertThat(http.delete("/api/documents/" + removed).status()).isEqualTo(204);

      assertThat(indexFile(removed)).doesNotExist();
      assertThat(Files.readAllBytes(indexFile(kept))).isEqualTo(before);
    }
  }

  @Test
  void unreadableDocumentIsSkippedAndListedAndAnOtherModelsIndexIsRebuilt() throws Exception {
    String good;
    String broken;
    try (ConfigurableApplicationContext app = start()) {
      TestingHttp http = client(app);
      good = upload(http, "rivers.md", "The Danube flows through ten countries.");
      broken = upload(http, "notes.txt", "Penguins cannot fly.");
    }
    // The text file's bytes go bad and its index is lost; the other's index came from a model
    // this app does not use.
    Files.write(root.resolve("uploads/" + broken + ".txt"), new byte[] {0, (byte) 0xff, 0});
    Files.delete(indexFile(broken));
    String other =
        Files.readString(indexFile(good))
            .replaceFirst(
                "\"embeddingModel\"\\s*:\\s*\"[^\"]*\"", "\"embeddingModel\":\"some-other-model\"");
    Files.writeString(indexFile(good), other);

    try (ConfigurableApplicationContext app = start()) {
      TestingHttp http = client(app);

      JsonNode listing = http.get("/api/documents").json();
      assertThat(listing.get("documents").findValuesAsString("id")).contains(good, broken);
      assertThat(listing.get("skipped").findValuesAsString("id")).containsExactly(broken);
      assertThat(listing.get("skipped").get(0).get("reason").asString()).isNotBlank();
      assertThat(Files.readString(indexFile(good))).doesNotContain("some-other-model");
      TestingHttp.Response answer = http.postJson("/api/chat", Map.of("message", "Danube?"));
      assertThat(answer.json().get("citations").findValuesAsString("documentId"))
          .containsExactly(good);
    }
  }

  @Test
  void smallTalkGetsNoCitations() {
    try (ConfigurableApplicationContext app = start()) {
      TestingHttp http = client(app);
      upload(http, "rivers.md", "The Danube flows through ten countries.");

      TestingHttp.Response hi = http.postJson("/api/chat", Map.of("message", "hi"));
      TestingHttp.Response question =
          http.postJson("/api/chat", Map.of("message", "Which countries does the Danube cross?"));

      assertThat(hi.json().get("citations").size()).isZero();
      assertThat(question.json().get("citations").size()).isEqualTo(1);
    }
  }
}
