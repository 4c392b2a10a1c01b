package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthAndRateLimitTest {

  static final int LIMIT = 8;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path root = Files.createTempDirectory("chatbot-auth-test");
    Path users = root.resolve("users");
    Files.writeString(
        users,
        "# chat users\nalice:{noop}wonderland\nbob:{bcrypt}"
            + new BCryptPasswordEncoder().encode("builder")
            + "\n");
    registry.add("CHATBOT_UPLOADS_DIR", () -> root.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> root.resolve("exports").toString());
    registry.add("CHATBOT_AUTH_USERS_FILE", users::toString);
    registry.add("CHATBOT_RATE_LIMIT_PER_MINUTE", () -> Integer.toString(LIMIT));
  }

  @Test
  void apiNeedsCredentialsButProbesAndUiDoNot() {
    TestingHttp anonymous = new TestingHttp(port);

    TestingHttp.Response denied = anonymous.get("/api/documents");
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.json().get("error").asString()).isEqualTo("unauthorized");
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(anonymous.get("/").status()).isEqualTo(200);
    assertThat(new TestingHttp(port).withBasicAuth("alice", "wrong").get("/api/documents").status())
        .isEqualTo(401);
    assertThat(new TestingHttp(port).withBasicAuth("bob", "builder").get("/api/documents").status())
        .isEqualTo(200);
  }

  @Test
  void tooManyRequestsFromOneClientGet429Json() {
    TestingHttp alice = new TestingHttp(port).withBasicAuth("alice", "wonderland");
    TestingHttp.Response last = null;
    for (int i = 0; i <= LIMIT + 1; i++) {
      last = alice.postJson("/api/chat", Map.of("message", "hi"));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().get("status").asInt()).isEqualTo(429);
    assertThat(new TestingHttp(port).get("/actuator/health/liveness").status()).isEqualTo(200);
  }
}
