package dev.chatbot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs src/test/python/test_openai_sdk.py (pytest + the official {@code openai} SDK from PyPI)
 * against this app, with auth on (a Bearer API key of the api-keys file) and a fake
 * OpenAI-compatible model behind it. The venv comes from .ci/run ({@code
 * ~/.cache/chatbot-operator/sdk-venv}, or CHATBOT_SDK_PYTHON): without it the test is skipped
 * locally and fails in CI (CI set), so it never passes unseen.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenAiSdkTest {

  static final TestingStreamingModel MODEL = StreamingTest.start();
  static final String API_KEY = "sk-chatbot-test-4f9c2a7e1b";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    Path root = Files.createTempDirectory("chatbot-sdk-test");
    Path users = root.resolve("users");
    Files.writeString(users, "alice:{noop}wonderland\n");
    Path keys = root.resolve("api-keys");
    Files.writeString(keys, "# SDK clients\nci-bot:" + API_KEY + "\nsk-unnamed-second-key-0001\n");
    registry.add("CHATBOT_UPLOADS_DIR", () -> root.resolve("uploads").toString());
    registry.add("CHATBOT_EXPORTS_DIR", () -> root.resolve("exports").toString());
    registry.add("CHATBOT_AUTH_USERS_FILE", users::toString);
    registry.add("CHATBOT_AUTH_API_KEYS_FILE", keys::toString);
    registry.add("CHATBOT_MODEL_PROVIDER", () -> "openai");
    registry.add("CHATBOT_MODEL_BASE_URL", MODEL::baseUrl);
    registry.add("CHATBOT_MODEL_NAME", () -> "fake");
  }

  @AfterAll
  static void stop() {
    MODEL.close();
  }

  static Path python() {
    String configured = System.getenv("CHATBOT_SDK_PYTHON");
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache/chatbot-operator/sdk-venv/bin/python");
  }

  @Test
  void officialOpenAiSdkWorksPlainStreamedAndWithErrors(CapturedOutput log) throws Exception {
    Path python = python();
    boolean present = Files.isExecutable(python);
    if (System.getenv("CI") != null) {
      assertThat(present).as("SDK venv missing at " + python + " (.ci/run creates it)").isTrue();
    }
    assumeTrue(present, "no SDK venv at " + python + "; run the venv lines of .ci/run");
    MODEL.tokens = 3;
    MODEL.tokenMillis = 10;
    Path script = Path.of("src/test/python/test_openai_sdk.py").toAbsolutePath();
    ProcessBuilder pytest =
        new ProcessBuilder(python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x")
            .redirectErrorStream(true);
    pytest.command().add(script.toString());
    pytest.environment().put("CHATBOT_BASE_URL", "http://127.0.0.1:" + port);
    pytest.environment().put("CHATBOT_API_KEY", API_KEY);
    pytest.environment().put("CHATBOT_LEGACY_KEY", "alice:wonderland");

    Process process = pytest.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);

    System.out.println(output);
    assertThat(exited).as("pytest did not finish in 120 s").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("12 passed");
    // A finished stream is dispatched once more by the servlet container (async dispatch): it
    // must not be refused by the authorization filter as if it had no credentials.
    assertThat(log.getOut()).doesNotContain("AuthorizationDeniedException");
  }
}
