package dev.chatbot.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.operator.api.v1alpha1.ImageSpec;
import dev.chatbot.operator.testing.LocalRegistry;
import dev.chatbot.operator.testing.OciLayouts;
import dev.chatbot.operator.testing.TestCertificates;
import dev.chatbot.operator.testing.TestTokenServer;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tag to digest against real registries (docker-registry 2.8) that need something: htpasswd basic
 * auth with the credentials only in a pull Secret, TLS with a private CA, and GHCR-style token auth
 * through {@link TestTokenServer}. Images are pushed with skopeo and compared with skopeo inspect.
 */
class PrivateRegistryIT {

  @TempDir Path dir;
  LocalRegistry registry;
  TestTokenServer tokens;

  @AfterEach
  void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
  }

  private static DistributionApiResolver resolver(Optional<Path> ca) {
    return new DistributionApiResolver(
        new RegistrySettings(Duration.ofSeconds(5), ca, Set.of()), Clock.systemUTC());
  }

  private Optional<RegistryCredentials> fromSecret(Secret secret, ImageSpec image)
      throws Exception {
    return PullSecretCredentials.from(secret)
        .orElseThrow()
        .find(ImageName.parse(image.getRepository()));
  }

  @Test
  void basicAuthUsesTheCredentialsOfThePullSecret() throws Exception {
    registry = LocalRegistry.start(dir, LocalRegistry.Setup.anonymous().withHtpasswd("bot:s3cret"));
    String pushed = registry.copy(OciLayouts.single(dir.resolve("img"), "b1"), "team/app", "1.0");
    ImageSpec image = registry.image("team/app", "1.0");

    String resolved =
        resolver(Optional.empty())
            .resolve(image, fromSecret(registry.pullSecret("regcred", "bot", "s3cret"), image));

    assertThat(resolved).isEqualTo(pushed);
    assertThatThrownBy(() -> resolver(Optional.empty()).resolve(image))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("no pull Secret")
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.Unauthorized);
    assertThatThrownBy(
            () ->
                resolver(Optional.empty())
                    .resolve(
                        image, fromSecret(registry.pullSecret("regcred", "bot", "wrong"), image)))
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.Unauthorized);
  }

  @Test
  void tlsWithAPrivateCaNeedsTheCaBundle() throws Exception {
    TestCertificates certs = TestCertificates.create(dir.resolve("tls"));
    registry = LocalRegistry.start(dir, LocalRegistry.Setup.anonymous().withTls(certs));
    String pushed = registry.copy(OciLayouts.single(dir.resolve("img"), "t1"), "team/tls", "1.0");

    assertThat(resolver(Optional.of(certs.ca())).resolve(registry.image("team/tls", "1.0")))
        .isEqualTo(pushed);
    assertThatThrownBy(() -> resolver(Optional.empty()).resolve(registry.image("team/tls", "1.0")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("CA bundle")
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.TLSError);
  }

  @Test
  void tokenAuthLikeGhcrWithARealmQueryAndACachedToken() throws Exception {
    tokens = TestTokenServer.start(dir.resolve("token"), "bot", "t0ken");
    registry = LocalRegistry.start(dir, LocalRegistry.Setup.anonymous().withToken(tokens));
    String pushed = registry.copy(OciLayouts.single(dir.resolve("img"), "k1"), "org/app", "1.0");
    ImageSpec image = registry.image("org/app", "1.0");
    Optional<RegistryCredentials> creds =
        fromSecret(registry.pullSecret("regcred", "bot", "t0ken"), image);
    DistributionApiResolver resolver = resolver(Optional.empty());
    int before = tokens.issued();

    assertThat(resolver.resolve(image, creds)).isEqualTo(pushed);
    assertThat(resolver.resolve(image, creds)).isEqualTo(pushed);

    assertThat(tokens.issued() - before)
        .as("the second lookup reuses the cached token")
        .isEqualTo(1);
    assertThatThrownBy(
            () -> resolver.resolve(image, Optional.of(new RegistryCredentials("bot", "nope"))))
        .extracting(e -> ((RegistryException) e).failure())
        .isEqualTo(RegistryFailure.Unauthorized);
  }
}
