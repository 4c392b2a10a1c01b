package dev.chatbot.app.model;

import dev.chatbot.app.web.ApiException;
import dev.langchain4j.exception.HttpException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import org.springframework.http.HttpStatus;

/**
 * Maps a failed model call to what the client can act on: the model's 400 is the client's 400, its
 * 429 a 429 with Retry-After; a timeout 504; everything else (5xx, unreachable, the app's own key
 * or model name refused) 502, because only the operator can fix it.
 */
final class ModelErrors {

  /** Retry-After when the model says 429; LangChain4j does not pass the upstream header on. */
  static final long RATE_LIMIT_RETRY_SECONDS = 10;

  private ModelErrors() {}

  /** The metric kind: timeout, rejected (400), rate_limited (429) or unavailable. */
  static String kind(ApiException e) {
    return switch (e.error()) {
      case "model_timeout" -> "timeout";
      case "model_rejected_request" -> "rejected";
      case "model_rate_limited" -> "rate_limited";
      default -> "unavailable";
    };
  }

  static ApiException translate(Throwable error) {
    if (isTimeout(error)) {
      return new ApiException(
          HttpStatus.GATEWAY_TIMEOUT,
          "model_timeout",
          "the language model did not answer in time",
          error);
    }
    int upstream = upstreamStatus(error);
    if (upstream == 400 || upstream == 413 || upstream == 422) {
      return new ApiException(
          HttpStatus.BAD_REQUEST,
          "model_rejected_request",
          "the language model refused the request: " + summary(error),
          error);
    }
    if (upstream == 429) {
      return new ApiException(
              HttpStatus.TOO_MANY_REQUESTS,
              "model_rate_limited",
              "the language model is rate limiting this app; retry later",
              error)
          .retryAfter(RATE_LIMIT_RETRY_SECONDS);
    }
    String prefix =
        switch (upstream) {
          case 401, 403 -> "the language model refused the app's API key: ";
          case 404 -> "the language model does not know the configured model or URL: ";
          default -> "the language model failed: ";
        };
    return new ApiException(
        HttpStatus.BAD_GATEWAY, "model_unavailable", prefix + summary(error), error);
  }

  private static boolean isTimeout(Throwable error) {
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

  private static int upstreamStatus(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof HttpException http) {
        return http.statusCode();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return 0;
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
