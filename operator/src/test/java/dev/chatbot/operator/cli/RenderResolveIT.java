package dev.chatbot.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatbot.operator.testing.LocalRegistry;
import dev.chatbot.operator.testing.OciLayouts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render --resolve against a real registry with basic auth, credentials from a docker config. */
class RenderResolveIT {

  @TempDir Path dir;
  LocalRegistry registry;
  String digest;
  Path cr;

  @BeforeEach
  void start() throws Exception {
    registry = LocalRegistry.start(dir, LocalRegistry.Setup.anonymous().withHtpasswd("dev:pw"));
    digest = registry.copy(OciLayouts.single(dir.resolve("img"), "r1"), "team/chat", "1.0");
    cr = dir.resolve("cr.yaml");
    Files.writeString(
        cr,
        """
        apiVersion: chatbot.dev/v1alpha1
        kind: ChatbotDeployment
        metadata: {name: chat}
        spec:
          image: {repository: "%s/team/chat", tag: "1.0", digestPolicy: Resolve}
        """
            .formatted(registry.host()));
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void usesTheCredentialsOfTheGivenDockerConfig() throws Exception {
    Path config = dir.resolve("config.json");
    Files.writeString(config, registry.dockerConfig("dev", "pw"));

    CliRun run =
        CliRun.of(
            "render", "-f", cr.toString(), "--resolve", "--registry-config", config.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(registry.host() + "/team/chat@" + digest);
  }

  @Test
  void withoutCredentialsItSaysUnauthorized() {
    CliRun run =
        CliRun.of(
            "render",
            "-f",
            cr.toString(),
            "--resolve",
            "--registry-config",
            writeEmpty().toString());

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("spec.image.tag: Unauthorized");
  }

  private Path writeEmpty() {
    try {
      return Files.writeString(dir.resolve("empty.json"), "{\"auths\":{}}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
