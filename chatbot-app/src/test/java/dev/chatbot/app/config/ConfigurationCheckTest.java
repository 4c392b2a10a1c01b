package dev.chatbot.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.app.ChatbotApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ConfigurationCheckTest {

  @TempDir Path root;

  @Test
  void everyBadSettingIsNamedInOneMessageAndTheAppDoesNotStart(CapturedOutput output) {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(ChatbotApplication.class)
            .properties(
                "SERVER_PORT=0",
                "CHATBOT_UPLOADS_DIR=" + root.resolve("uploads"),
                "CHATBOT_EXPORTS_DIR=" + root.resolve("exports"),
                "CHATBOT_MODEL_PROVIDER=openai",
                "CHATBOT_MODEL_BASE_URL=ollama:11434",
                "CHATBOT_AUTH_USERS_FILE=" + root.resolve("missing-users"),
                "CHATBOT_TRUSTED_PROXIES=10.0.0.0/8,ingress.local",
                "CHATBOT_LIMIT_TOKENS_PER_HOUR=5000",
                "CHATBOT_LIMIT_TOKENS_PER_DAY=100",
                "CHATBOT_MIN_RELEVANCE_SCORE=3");

    assertThatThrownBy(app::run)
        .isInstanceOf(ConfigurationCheck.InvalidConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationCheck.InvalidConfigurationException) e).problems())
                    .hasSize(5));
    assertThat(output.getAll())
        .contains("APPLICATION FAILED TO START")
        .contains("CHATBOT_MODEL_BASE_URL=ollama:11434")
        .contains("CHATBOT_AUTH_USERS_FILE=")
        .contains("ingress.local")
        .contains("CHATBOT_LIMIT_TOKENS_PER_HOUR exceeds CHATBOT_LIMIT_TOKENS_PER_DAY")
        .contains("CHATBOT_MIN_RELEVANCE_SCORE=3");
  }

  @Test
  void defaultsPass() {
    assertThat(
            ConfigurationCheck.problems(
                TestingProperties.of(root.resolve("u"), root.resolve("e"), 0, 0, null)))
        .isEmpty();
  }
}
