package dev.chatbot.operator.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the two docker config formats into a keyring: {@code .dockerconfigjson} ({"auths": {key:
 * entry}}, also ~/.docker/config.json) and the legacy {@code .dockercfg} ({key: entry}). An entry
 * carries {@code auth} (base64 user:password) or {@code username} and {@code password}.
 */
public final class DockerConfig {

  /** Secret type and data key of the current format. */
  public static final String CONFIG_JSON_TYPE = "kubernetes.io/dockerconfigjson";

  public static final String CONFIG_JSON_KEY = ".dockerconfigjson";

  /** Secret type and data key of the legacy format. */
  public static final String CFG_TYPE = "kubernetes.io/dockercfg";

  public static final String CFG_KEY = ".dockercfg";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerConfig() {}

  /** Parses either format (the "auths" wrapper decides); a broken file is an exception. */
  public static CredentialKeyring parse(byte[] content, CredentialKeyring into) throws IOException {
    JsonNode root = JSON.readTree(content);
    if (root == null || !root.isObject()) {
      throw new IOException("not a JSON object");
    }
    JsonNode auths = root.has("auths") ? root.get("auths") : root;
    Iterator<Map.Entry<String, JsonNode>> fields = auths.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      credentials(field.getValue()).ifPresent(c -> into.add(field.getKey(), c));
    }
    return into;
  }

  private static java.util.Optional<RegistryCredentials> credentials(JsonNode entry) {
    if (entry.hasNonNull("auth") && !entry.get("auth").asText().isEmpty()) {
      String decoded =
          new String(
              Base64.getDecoder().decode(entry.get("auth").asText()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        return java.util.Optional.of(
            new RegistryCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
      }
    }
    if (entry.hasNonNull("username") && entry.hasNonNull("password")) {
      return java.util.Optional.of(
          new RegistryCredentials(entry.get("username").asText(), entry.get("password").asText()));
    }
    return java.util.Optional.empty();
  }
}
