package dev.chatbot.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Media types a tag may resolve to, the digest rule, image names and token URLs. */
class ManifestRulesTest {

  @ParameterizedTest(name = "{0}: accepted {1}, index {2}")
  @CsvSource({
    "application/vnd.oci.image.index.v1+json, true, true",
    "application/vnd.docker.distribution.manifest.list.v2+json, true, true",
    "application/vnd.oci.image.manifest.v1+json, true, false",
    "application/vnd.docker.distribution.manifest.v2+json, true, false",
    "'application/vnd.oci.image.manifest.v1+json; charset=utf-8', true, false",
    "application/vnd.docker.distribution.manifest.v1+prettyjws, false, false",
    "application/json, false, false",
    "text/html, false, false",
  })
  void mediaTypes(String type, boolean accepted, boolean index) {
    assertThat(ManifestMediaTypes.accepted(type)).isEqualTo(accepted);
    assertThat(ManifestMediaTypes.isIndex(type)).isEqualTo(index);
  }

  @Test
  void theDigestIsTheSha256OfTheExactBytes() {
    // sha256("") and sha256("{}"): a byte more or less is another digest.
    assertThat(ManifestMediaTypes.digestOf(new byte[0]))
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(ManifestMediaTypes.digestOf("{}".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource({
    "nginx, registry-1.docker.io, library/nginx",
    "acme/bot, registry-1.docker.io, acme/bot",
    "docker.io/nginx, registry-1.docker.io, library/nginx",
    "docker.io/acme/bot, registry-1.docker.io, acme/bot",
    "index.docker.io/acme/bot, registry-1.docker.io, acme/bot",
    "ghcr.io/acme/bot, ghcr.io, acme/bot",
    "localhost/bot, localhost, bot",
    "127.0.0.1:5000/a/b, 127.0.0.1:5000, a/b",
  })
  void imageNames(String repository, String host, String path) {
    assertThat(ImageName.parse(repository)).isEqualTo(new ImageName(host, path));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:a/b:pull\""
            + " | https://ghcr.io/token?service=ghcr.io&scope=repository%3Aa%2Fb%3Apull",
        "Bearer realm=\"https://auth.example/token?tenant=x\",service=\"reg\""
            + " | https://auth.example/token?tenant=x&service=reg&scope=repository%3Aa%2Fb%3Apull",
      })
  void tokenUrlsKeepTheRealmsQuery(String header, String url) {
    assertThat(BearerChallenge.parse(header, new ImageName("r", "a/b")).orElseThrow().tokenUri())
        .hasToString(url);
  }

  @Test
  void basicChallengesAreNoBearerChallenges() {
    assertThat(BearerChallenge.parse("Basic realm=\"x\"", new ImageName("r", "a"))).isEmpty();
  }

  @Test
  void backoffDoublesWithJitterUpToTheCapAndRespectsRetryAfter() {
    RegistryBackoff top = new RegistryBackoff(java.time.Clock.systemUTC(), () -> 1.0);
    RegistryBackoff bottom = new RegistryBackoff(java.time.Clock.systemUTC(), () -> 0.0);

    assertThat(top.delay(1)).isEqualTo(Duration.ofSeconds(5));
    assertThat(bottom.delay(1)).isEqualTo(Duration.ofMillis(2500));
    assertThat(top.delay(3)).isEqualTo(Duration.ofSeconds(20));
    assertThat(top.delay(30)).isEqualTo(RegistryBackoff.MAX);
    Duration wait =
        bottom.failed(
            "r",
            new RegistryException(
                RegistryFailure.RateLimited, "429", Duration.ofSeconds(90), null));
    assertThat(wait).isBetween(Duration.ofSeconds(89), Duration.ofSeconds(90));
    assertThat(bottom.remaining("other")).isZero();
    bottom.succeeded("r");
    assertThat(bottom.remaining("r")).isZero();
  }

  @Test
  void refreshIntervals() {
    assertThat(dev.chatbot.operator.api.v1alpha1.RefreshInterval.parse("1h30m"))
        .contains(Duration.ofMinutes(90));
    assertThat(dev.chatbot.operator.api.v1alpha1.RefreshInterval.parse("90s"))
        .contains(Duration.ofSeconds(90));
    assertThat(dev.chatbot.operator.api.v1alpha1.RefreshInterval.parse("59s")).isEmpty();
    assertThat(dev.chatbot.operator.api.v1alpha1.RefreshInterval.parse("1d")).isEmpty();
    assertThat(dev.chatbot.operator.api.v1alpha1.RefreshInterval.parse(""))
        .isEqualTo(Optional.empty());
  }
}
