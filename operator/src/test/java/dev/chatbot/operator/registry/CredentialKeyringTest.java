package dev.chatbot.operator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which docker config key's credentials an image gets: the kubelet's matching rules. */
class CredentialKeyringTest {

  @ParameterizedTest(name = "key {0} matches {1}: {2}")
  @CsvSource({
    // Docker Hub: every alias and the legacy v1 URL are one registry
    "https://index.docker.io/v1/, nginx, true",
    "docker.io, acme/bot, true",
    "index.docker.io, docker.io/acme/bot, true",
    "registry-1.docker.io, index.docker.io/acme/bot, true",
    "docker.io, ghcr.io/acme/bot, false",
    // Hosts: exact, with scheme and trailing slash, case-insensitive
    "ghcr.io, ghcr.io/acme/bot, true",
    "https://ghcr.io/, ghcr.io/acme/bot, true",
    "GHCR.IO, ghcr.io/acme/bot, true",
    "ghcr.io, quay.io/acme/bot, false",
    // Ports must be equal
    "registry.local:5000, registry.local:5000/bot, true",
    "registry.local, registry.local:5000/bot, false",
    "registry.local:5000, registry.local/bot, false",
    // Globs match one DNS label each
    "*.azurecr.io, acme.azurecr.io/bot, true",
    "*.azurecr.io, a.b.azurecr.io/bot, false",
    "*.azurecr.io, azurecr.io/bot, false",
    // A path is a prefix of the repository path, by whole components
    "ghcr.io/acme, ghcr.io/acme/bot, true",
    "ghcr.io/acme, ghcr.io/acmecorp/bot, false",
    "ghcr.io/acme/bot, ghcr.io/acme/bot, true",
  })
  void matchesLikeTheKubelet(String key, String image, boolean matches) {
    CredentialKeyring keyring =
        CredentialKeyring.empty().add(key, new RegistryCredentials("u", "p"));

    assertThat(keyring.find(ImageName.parse(image)).isPresent()).isEqualTo(matches);
  }

  @ParameterizedTest(name = "{0} wins for {2}")
  @CsvSource({
    "path, ghcr.io/acme, ghcr.io/acme/bot",
    "host, ghcr.io, ghcr.io/other/bot",
  })
  void theMostSpecificKeyWins(String expected, String pathKey, String image) {
    CredentialKeyring keyring =
        CredentialKeyring.empty()
            .add("ghcr.io", new RegistryCredentials("host", "p"))
            .add(pathKey, new RegistryCredentials("path", "p"));

    assertThat(keyring.find(ImageName.parse(image)).map(RegistryCredentials::username))
        .contains(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "dockerconfigjson with auth | {\"auths\":{\"ghcr.io\":{\"auth\":\"AUTH\"}}}",
        "dockerconfigjson with username/password"
            + " | {\"auths\":{\"ghcr.io\":{\"username\":\"bot\",\"password\":\"pw:x\"}}}",
        "legacy dockercfg | {\"ghcr.io\":{\"auth\":\"AUTH\",\"email\":\"a@b\"}}",
      })
  void readsBothDockerConfigFormats(String name, String json) throws Exception {
    String auth = Base64.getEncoder().encodeToString("bot:pw:x".getBytes(StandardCharsets.UTF_8));
    CredentialKeyring keyring =
        DockerConfig.parse(
            json.replace("AUTH", auth).getBytes(StandardCharsets.UTF_8), CredentialKeyring.empty());

    assertThat(keyring.find(ImageName.parse("ghcr.io/acme/bot")))
        .isEqualTo(Optional.of(new RegistryCredentials("bot", "pw:x")));
  }
}
