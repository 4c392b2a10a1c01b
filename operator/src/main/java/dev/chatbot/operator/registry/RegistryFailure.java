package dev.chatbot.operator.registry;

/**
 * Why a tag could not be resolved, as the reason of the ImageResolved condition. One name per way a
 * registry lookup fails that a user would handle differently.
 */
public enum RegistryFailure {
  /** 401/403: no credentials matched the registry, or they were refused. */
  Unauthorized,
  /** 404: the repository or the tag does not exist. */
  NotFound,
  /** 429: the registry asked to slow down; its Retry-After is honoured. */
  RateLimited,
  /** No answer within the timeout. */
  Timeout,
  /** Connection refused, unknown host: the registry is not there. */
  Unreachable,
  /** An answer that is not a manifest: 5xx, a wrong media type, a digest that does not match. */
  BadResponse,
  /** The TLS handshake failed: unknown CA, expired or mismatched certificate. */
  TLSError
}
