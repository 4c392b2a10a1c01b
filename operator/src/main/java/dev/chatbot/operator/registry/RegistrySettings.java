package dev.chatbot.operator.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How the operator talks to registries (from config.OperatorConfig, or the CLI).
 *
 * @param timeout per request (connect and answer)
 * @param caBundle PEM file of extra CA certificates trusted next to the JDK's, for registries with
 *     a private CA
 * @param insecureRegistries hosts (host or host:port) that may be spoken to over plain HTTP when
 *     HTTPS fails; loopback hosts always may, as with Docker
 */
public record RegistrySettings(
    Duration timeout, Optional<Path> caBundle, Set<String> insecureRegistries) {

  public RegistrySettings {
    insecureRegistries = Set.copyOf(insecureRegistries);
  }

  public static RegistrySettings defaults() {
    return new RegistrySettings(Duration.ofSeconds(10), Optional.empty(), Set.of());
  }

  /** Whether plain HTTP is allowed for this image's registry. */
  public boolean insecure(ImageName name) {
    return name.isLoopback()
        || insecureRegistries.contains(name.host())
        || insecureRegistries.contains(name.hostname());
  }
}
