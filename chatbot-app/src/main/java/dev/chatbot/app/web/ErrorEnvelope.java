package dev.chatbot.app.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error body for a path: the OpenAI envelope {@code
 * {"error":{"message","type","param","code"}}} on /v1/** (what the SDKs parse), {@link ErrorBody}
 * everywhere else. One source for both shapes, used by the controllers' handler, the security
 * filters and the stream error events.
 */
public final class ErrorEnvelope {

  private ErrorEnvelope() {}

  public static boolean isOpenAiPath(String path) {
    return path != null && (path.equals("/v1") || path.startsWith("/v1/"));
  }

  public static Object body(String path, int status, String code, String message, String param) {
    return isOpenAiPath(path)
        ? openAi(status, code, message, param)
        : new ErrorBody(code, message, status);
  }

  public static Map<String, Object> openAi(int status, String code, String message, String param) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type(status));
    error.put("param", param);
    error.put("code", code);
    return Map.of("error", error);
  }

  /** OpenAI's error types by status, so SDK users can branch on them as with OpenAI itself. */
  static String type(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 429 -> "rate_limit_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
