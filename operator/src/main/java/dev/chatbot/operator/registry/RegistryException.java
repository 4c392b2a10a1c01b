package dev.chatbot.operator.registry;

import java.time.Duration;
import java.util.Optional;

/** A tag could not be resolved to a digest; the message says why, for a human. */
public class RegistryException extends Exception {

  private final RegistryFailure failure;
  private final Duration retryAfter;

  public RegistryException(RegistryFailure failure, String message) {
    this(failure, message, null, null);
  }

  public RegistryException(RegistryFailure failure, String message, Throwable cause) {
    this(failure, message, null, cause);
  }

  public RegistryException(
      RegistryFailure failure, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.failure = failure;
    this.retryAfter = retryAfter;
  }

  public RegistryFailure failure() {
    return failure;
  }

  /** The registry's Retry-After (429), if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
