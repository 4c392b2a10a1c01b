package dev.chatbot.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.testing.LocalRegistry;
import dev.chatbot.operator.testing.OciLayouts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tag to digest against a real OCI registry (docker-registry 2.8) on loopback. */
class RegistryDigestResolutionIT {

  @TempDir static Path dir;
  static LocalRegistry registry;
  final DistributionApiResolver resolver = new DistributionApiResolver(Duration.ofSeconds(5));

  @BeforeAll
  static void start() throws Exception {
    registry = LocalRegistry.start(dir);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void resolvesATagToTheDigestTheRegistryStored() throws Exception {
    String pushed = registry.push("chat/app", "1.4.2", "one");

    String resolved = resolver.resolve(registry.image("chat/app", "1.4.2"));

    assertThat(resolved).isEqualTo(pushed).matches("sha256:[a-f0-9]{64}");
  }

  @Test
  void followsATagThatMovedToANewImage() throws Exception {
    String first = registry.push("chat/moving", "stable", "one");
    String second = registry.push("chat/moving", "stable", "two");

    String resolved = resolver.resolve(registry.image("chat/moving", "stable"));

    assertThat(second).isNotEqualTo(first);
    assertThat(resolved).isEqualTo(second);
  }

  @Test
  void anUnknownTagIsAClearError() {
    assertThatThrownBy(() -> resolver.resolve(registry.image("chat/app", "does-not-exist")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("does-not-exist")
        .hasMessageContaining("404")
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.NotFound);
  }

  @Test
  void aTagPushedWithSkopeoResolvesToTheDigestSkopeoReports() throws Exception {
    String pushed = registry.copy(OciLayouts.single(dir.resolve("single"), "s1"), "chat/sk", "1.0");

    assertThat(resolver.resolve(registry.image("chat/sk", "1.0"))).isEqualTo(pushed);
  }

  @Test
  void aMultiArchTagPinsTheIndexDigest() throws Exception {
    String index =
        registry.copy(OciLayouts.multiArch(dir.resolve("multi"), "m1"), "chat/multi", "2.0");

    String resolved = resolver.resolve(registry.image("chat/multi", "2.0"));

    assertThat(resolved).isEqualTo(index);
    assertThat(registry.rawMediaType("chat/multi", "2.0")).isEqualTo(ManifestMediaTypes.OCI_INDEX);
  }

  @Test
  void anUnreachableRegistryIsAClearError() {
    ImageSpec image = new ImageSpec();
    image.setRepository("127.0.0.1:1/chat/app");
    image.setTag("1.0");

    assertThatThrownBy(() -> resolver.resolve(image))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("cannot reach 127.0.0.1")
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.Unreachable);
  }
}
