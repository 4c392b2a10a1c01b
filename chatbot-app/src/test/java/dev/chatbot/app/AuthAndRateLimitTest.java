package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(OutputCaptureExtension.class)
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
    // The test client is the "proxy": each test sets its own client address, so buckets are
    // separate per test.
    registry.add("CHATBOT_TRUSTED_PROXIES", () -> "127.0.0.1,::1");
  }

  @Test
  void apiNeedsCredentialsButProbesAndUiDoNot() {
    TestingHttp anonymous = new TestingHttp(port).forwardedFor("10.0.0.1").awaitReady();

    TestingHttp.Response denied = anonymous.get("/api/documents");
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.json().get("error").asString()).isEqualTo("unauthorized");
    assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
    assertThat(anonymous.get("/").status()).isEqualTo(200);
    assertThat(anonymous.withBasicAuth("alice", "wrong").get("/api/documents").status())
        .isEqualTo(401);
    assertThat(anonymous.withBasicAuth("bob", "builder").get("/api/documents").status())
        .isEqualTo(200);
  }

  @Test
  void tooManyRequestsFromOneClientGet429Json() {
    TestingHttp alice =
        new TestingHttp(port).forwardedFor("10.0.0.2").withBasicAuth("alice", "wonderland");
    TestingHttp.Response last = null;
    for (int i = 0; i <= LIMIT + 1; i++) {
      last = alice.postJson("/api/chat", Map.of("message", "hi"));
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().get("status").asInt()).isEqualTo(429);
    assertThat(new TestingHttp(port).get("/actuator/health/liveness").status()).isEqualTo(200);
  }

  @Test
  void bearerApiKeyIsUserAndPasswordAndErrorsOnV1UseTheOpenAiEnvelope() {
    TestingHttp client = new TestingHttp(port).forwardedFor("10.0.0.3");

    TestingHttp.Response ok = client.withBearer("bob:builder").get("/v1/models");
    TestingHttp.Response wrong = client.withBearer("bob:guess").get("/v1/models");
    TestingHttp.Response malformed = client.withBearer("sk-no-user").get("/v1/models");

    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().get("data").get(0).get("id").asString()).isEqualTo("chatbot");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.json().get("error").get("type").asString()).isEqualTo("authentication_error");
    assertThat(malformed.status()).isEqualTo(401);
  }

  @Test
  void passwordGuessingIsThrottledBeforeAuthenticationAndAudited(CapturedOutput output) {
    // A different address for every guess: only the per-user bucket can stop it.
    TestingHttp.Response last = null;
    for (int i = 0; i <= LIMIT; i++) {
      last =
          new TestingHttp(port)
              .forwardedFor("10.1.0." + i)
              .withBasicAuth("carol", "guess" + i)
              .get("/api/documents");
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.json().get("error").asString()).isEqualTo("rate_limited");
    assertThat(output.getAll())
        .contains("\"event\":{\"action\":\"auth_failed\"}")
        .contains("\"event\":{\"action\":\"rate_limited\"}")
        .contains("\"client\":{\"address\":\"10.1.0.1\"}");
  }
}
