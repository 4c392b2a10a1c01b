package dev.chatbot.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionTest {

  @Test
  void versionNamesTheBuildsVersionEvenWithoutAJarManifest() {
    CliRun run = CliRun.of("--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().trim()).matches("chatbot-operator \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }
}
