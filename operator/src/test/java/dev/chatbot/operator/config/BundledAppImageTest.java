package dev.chatbot.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.operator.api.v1alpha1.ChatbotDeployment;
import dev.chatbot.operator.api.v1alpha1.DigestPolicy;
import dev.chatbot.operator.testing.RepoFiles;
import dev.chatbot.operator.testing.TestCrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BundledAppImageTest {

  private static final String BUNDLED =
      "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  private final BundledAppImage bundled =
      new BundledAppImage("registry.example/chatbot-app", Optional.of(BUNDLED));

  @Test
  void aCrWithoutAnImageRunsTheBundledAppPinnedByDigest() {
    ChatbotDeployment cr = TestCrs.with(spec -> spec.setImage(null));

    ChatbotDeployment run = bundled.applyTo(cr);

    assertThat(run.getSpec().getImage().getRepository()).isEqualTo("registry.example/chatbot-app");
    assertThat(run.getSpec().getImage().getDigest()).isEqualTo(BUNDLED);
    assertThat(cr.getSpec().getImage()).as("the CR itself is never changed").isNull();
  }

  @Test
  void aDigestOrATagOfTheUserWinsOverTheBundledDigest() {
    ChatbotDeployment pinned = TestCrs.minimal();
    ChatbotDeployment tagged =
        TestCrs.with(
            spec -> {
              spec.getImage().setDigest(null);
              spec.getImage().setTag("1.4.2");
              spec.getImage().setDigestPolicy(DigestPolicy.Resolve);
            });

    assertThat(bundled.applyTo(pinned).getSpec().getImage().getDigest()).isEqualTo(TestCrs.DIGEST);
    assertThat(bundled.applyTo(tagged).getSpec().getImage().getDigest()).isNull();
    assertThat(bundled.applyTo(tagged).getSpec().getImage().getRepository())
        .isEqualTo("registry.example/chatbot-app");
  }

  @Test
  void aUserRepositoryIsLeftAloneSoRequireStillAsksForItsDigest() {
    ChatbotDeployment own =
        TestCrs.with(
            spec -> {
              spec.getImage().setRepository("ghcr.io/acme/bot");
              spec.getImage().setDigest(null);
            });

    assertThat(bundled.applyTo(own)).isSameAs(own);
  }

  @Test
  void theEnvironmentRelocatesTheBundledImageToAMirror() {
    BundledAppImage relocated =
        BundledAppImage.from(
            Map.of(
                "CHATBOT_OPERATOR_APP_IMAGE_REPOSITORY",
                "mirror.internal/chatbot-app",
                "CHATBOT_OPERATOR_APP_IMAGE_DIGEST",
                BUNDLED));

    assertThat(relocated).isEqualTo(bundled.withRepository("mirror.internal/chatbot-app"));
    assertThatThrownBy(
            () -> BundledAppImage.from(Map.of("CHATBOT_OPERATOR_APP_IMAGE_DIGEST", "latest")))
        .hasMessageContaining("sha256:<64 hex>")
        .hasMessageContaining("latest");
  }

  @Test
  void theJarBundlesTheAppImageOfTheSameBuild() throws Exception {
    Path appDigest = RepoFiles.resolve("chatbot-app/target/jib-image.digest");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(appDigest), "the app image was not built (-Dimage.skip)");

    BundledAppImage built = BundledAppImage.fromClasspath();

    assertThat(built.digest()).contains(Files.readString(appDigest).trim());
    assertThat(built.repository()).isEqualTo("ghcr.io/chatbot-operator/chatbot-app");
  }
}
