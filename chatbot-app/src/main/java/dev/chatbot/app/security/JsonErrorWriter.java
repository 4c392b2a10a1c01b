package dev.chatbot.app.security;

import dev.chatbot.app.web.ErrorEnvelope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/** Filters answer before MVC exists: the same JSON shapes as the controllers. */
public final class JsonErrorWriter {

  private JsonErrorWriter() {}

  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      JsonMapper json,
      int status,
      String error,
      String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    Object body = ErrorEnvelope.body(request.getRequestURI(), status, error, message, null);
    response.getOutputStream().write(json.writeValueAsBytes(body));
  }
}
