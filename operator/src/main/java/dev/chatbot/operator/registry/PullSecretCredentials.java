package dev.chatbot.operator.registry;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keyring of a CR's image pull Secrets, read by name with one GET each (only when a tag is
 * resolved, so no Secret is cached for this). Secrets of type kubernetes.io/dockerconfigjson and
 * kubernetes.io/dockercfg count, in the listed order; a missing or unreadable one is skipped, as
 * the kubelet skips it, and named in the log.
 */
public final class PullSecretCredentials {

  private static final Logger log = LoggerFactory.getLogger(PullSecretCredentials.class);

  private PullSecretCredentials() {}

  public static CredentialKeyring read(
      KubernetesClient client, String namespace, List<String> names) {
    CredentialKeyring keyring = CredentialKeyring.empty();
    for (String name : names) {
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      if (secret == null) {
        log.warn("pull Secret {}/{} not found: resolving without it", namespace, name);
        continue;
      }
      try {
        from(secret).ifPresent(keyring::addAll);
      } catch (IOException | IllegalArgumentException e) {
        log.warn("pull Secret {}/{} is not a docker config: {}", namespace, name, e.getMessage());
      }
    }
    return keyring;
  }

  /** The keyring of one Secret, if its type is one of the two docker config types. */
  static java.util.Optional<CredentialKeyring> from(Secret secret) throws IOException {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    String key =
        DockerConfig.CONFIG_JSON_TYPE.equals(secret.getType())
            ? DockerConfig.CONFIG_JSON_KEY
            : DockerConfig.CFG_TYPE.equals(secret.getType()) ? DockerConfig.CFG_KEY : null;
    if (key == null || !data.containsKey(key)) {
      return java.util.Optional.empty();
    }
    byte[] content = Base64.getDecoder().decode(data.get(key));
    return java.util.Optional.of(DockerConfig.parse(content, CredentialKeyring.empty()));
  }
}
