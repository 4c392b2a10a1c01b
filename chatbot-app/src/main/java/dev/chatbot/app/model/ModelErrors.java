package dev.chatbot.app.model;

import dev.chatbot.app.web.ApiException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.http.HttpStatus;

/** Maps a failed model call to 504 (timeout) or 502 (unreachable, 5xx, malformed answer). */
final class ModelErrors {

  private ModelErrors() {}

  static boolean isTimeout(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof dev.langchain4j.exception.TimeoutException
          || t instanceof HttpTimeoutException
          || t instanceof SocketTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  static ApiException translate(Throwable error) {
    if (isTimeout(error)) {
      return new ApiException(
          HttpStatus.GATEWAY_TIMEOUT,
          "model_timeout",
          "the language model did not answer in time",
          error);
    }
    return new ApiException(
        HttpStatus.BAD_GATEWAY,
        "model_unavailable",
        "the language model failed: " + summary(error),
        error);
  }

  private static String summary(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.length() > 200 ? message.substring(0, 200) + "..." : message;
  }
}
