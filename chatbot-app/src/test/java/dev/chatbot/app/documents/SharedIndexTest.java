package dev.chatbot.app.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.app.TestingApp;
import dev.chatbot.app.TestingHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two app instances on the same uploads directory, as two replicas on one ReadWriteMany volume; and
 * the readiness window of a background build.
 */
class SharedIndexTest {

  @TempDir Path root;

  private static List<String> citedIds(TestingHttp http, String question) {
    TestingHttp.Response answer = http.postJson("/api/chat", Map.of("message", question));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("citations").findValuesAsString("documentId");
  }

  @Test
  void anUploadOrDeleteOnOneReplicaIsSeenByTheOthersNextSearch() {
    try (ConfigurableApplicationContext a = TestingApp.start(root);
        ConfigurableApplicationContext b = TestingApp.start(root)) {
      TestingHttp onA = TestingApp.client(a);
      TestingHttp onB = TestingApp.client(b);

      String id =
          onA.upload(
                  "rivers.md",
                  "The Danube flows through ten countries.".getBytes(StandardCharsets.UTF_8))
              .json()
              .get("id")
              .asString();

      // At once, not after the 10 s background pass.
      assertThat(citedIds(onB, "Which countries does the Danube flow through?"))
          .containsExactly(id);

      assertThat(onA.delete("/api/documents/" + id).status()).isEqualTo(204);

      assertThat(citedIds(onB, "Which countries does the Danube flow through?")).isEmpty();
      assertThat(onB.get("/api/documents").json().get("documents").findValuesAsString("id"))
          .isEmpty();
    }
  }

  @Test
  void readinessIsDownWhileTheIndexIsBuiltThenUp() throws IOException {
    // A document of ~300 chunks whose index file is gone: the next start must re-embed it.
    String text = "The Rhine rises in the Swiss Alps and flows to the North Sea. ".repeat(2400);
    try (ConfigurableApplicationContext first = TestingApp.start(root)) {
      TestingApp.client(first).upload("rhine.md", text.getBytes(StandardCharsets.UTF_8));
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(root.resolve("uploads/.state/index"), "*.json")) {
      for (Path file : files) {
        Files.delete(file);
      }
    }

    try (ConfigurableApplicationContext second = TestingApp.start(root)) {
      TestingHttp http =
          new TestingHttp(
              Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));

      TestingHttp.Response building = http.get("/actuator/health/readiness");
      assertThat(building.status()).as(building.body()).isEqualTo(503);
      assertThat(building.json().at("/components/index/status").asString()).isEqualTo("DOWN");
      assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> http.get("/actuator/health/readiness").status() == 200);
      assertThat(
              http.get("/actuator/health/readiness")
                  .json()
                  .at("/components/index/status")
                  .asString())
          .isEqualTo("UP");
    }
  }
}
