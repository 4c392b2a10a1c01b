package dev.chatbot.operator.registry;

/** Basic credentials for one registry host, e.g. from an image pull Secret. */
public record RegistryCredentials(String username, String password) {
  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=***]";
  }
}
