package dev.chatbot.app.web;

import org.springframework.http.HttpStatus;

/**
 * A failure with a status and a stable error code, rendered as {@link ErrorBody} (or the OpenAI
 * envelope on /v1/**); {@code retryAfterSeconds} becomes a Retry-After header when set.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String error;
  private final Long retryAfterSeconds;
  private final String param;

  public ApiException(HttpStatus status, String error, String message) {
    this(status, error, message, null, null, null);
  }

  public ApiException(HttpStatus status, String error, String message, Throwable cause) {
    this(status, error, message, cause, null, null);
  }

  private ApiException(
      HttpStatus status,
      String error,
      String message,
      Throwable cause,
      Long retryAfterSeconds,
      String param) {
    super(message, cause);
    this.status = status;
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
    this.param = param;
  }

  public HttpStatus status() {
    return status;
  }

  public String error() {
    return error;
  }

  /** Seconds the client should wait before retrying, or null. */
  public Long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The request field at fault (OpenAI's {@code param}), or null. */
  public String param() {
    return param;
  }

  public ApiException retryAfter(long seconds) {
    return new ApiException(status, error, getMessage(), getCause(), seconds, param);
  }

  public ApiException param(String field) {
    return new ApiException(status, error, getMessage(), getCause(), retryAfterSeconds, field);
  }

  public ErrorBody body() {
    return new ErrorBody(error, getMessage(), status.value());
  }

  public static ApiException badRequest(String error, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, error, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message);
  }
}
