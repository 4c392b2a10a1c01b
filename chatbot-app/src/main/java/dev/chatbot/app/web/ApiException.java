package dev.chatbot.app.web;

import org.springframework.http.HttpStatus;

/** A failure with a status and a stable error code, rendered as {@link ErrorBody}. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String error;

  public ApiException(HttpStatus status, String error, String message) {
    super(message);
    this.status = status;
    this.error = error;
  }

  public ApiException(HttpStatus status, String error, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.error = error;
  }

  public HttpStatus status() {
    return status;
  }

  public String error() {
    return error;
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
