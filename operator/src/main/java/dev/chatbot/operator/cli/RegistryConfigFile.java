package dev.chatbot.operator.cli;

import dev.chatbot.operator.registry.CredentialKeyring;
import dev.chatbot.operator.registry.DockerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local docker config for render --resolve: the given file, else ~/.docker/config.json. */
final class RegistryConfigFile {

  private RegistryConfigFile() {}

  /** An explicit file must exist; the default one is used only when it does. */
  static CredentialKeyring read(Path explicit) throws IOException {
    Path file = explicit;
    if (file == null) {
      Path home = Path.of(System.getProperty("user.home"), ".docker", "config.json");
      if (!Files.isRegularFile(home)) {
        return CredentialKeyring.empty();
      }
      file = home;
    }
    return DockerConfig.parse(Files.readAllBytes(file), CredentialKeyring.empty());
  }
}
