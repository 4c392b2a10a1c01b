package dev.chatbot.operator.registry;

/** A tag could not be resolved to a digest; the message says why, for a human. */
public class RegistryException extends Exception {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}
