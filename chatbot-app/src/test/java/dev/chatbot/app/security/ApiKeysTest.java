package dev.chatbot.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

  @Test
  void namedAndUnnamedKeysAuthenticateAsTheirName() {
    ApiKeys keys =
        ApiKeys.parse(
            List.of("# comment", "", "ci-bot:sk-0123456789abcdef", "sk-fedcba9876543210"));

    assertThat(keys.nameOf("sk-0123456789abcdef")).contains("ci-bot");
    assertThat(keys.nameOf("sk-fedcba9876543210")).contains("api-key-4");
    assertThat(keys.nameOf("sk-0123456789abcde")).isEmpty();
    assertThat(keys.nameOf("ci-bot:sk-0123456789abcdef")).isEmpty();
  }

  @Test
  void shortOrDuplicateKeysAreRefusedNamingTheLine() {
    assertThatThrownBy(() -> ApiKeys.parse(List.of("bot:short")))
        .hasMessageContaining("line 1")
        .hasMessageContaining("at least 16 characters");
    assertThatThrownBy(
            () -> ApiKeys.parse(List.of("a:sk-0123456789abcdef", "b:sk-0123456789abcdef")))
        .hasMessageContaining("line 2: duplicate key");
  }

  @Test
  void aMissingFileMeansNoKeys(@TempDir Path dir) {
    // The operator always sets the path; the Secret's api-keys key is optional.
    assertThat(ApiKeys.read(dir.resolve("api-keys")).size()).isZero();
    assertThat(ApiKeys.problem(dir.resolve("api-keys"))).isEmpty();
  }
}
