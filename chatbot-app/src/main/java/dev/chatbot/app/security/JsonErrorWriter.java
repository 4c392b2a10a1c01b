package dev.chatbot.app.security;

import dev.chatbot.app.web.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import tools.jackson.databind.json.JsonMapper;

/** Filters answer before MVC exists: same {@link ErrorBody} JSON as the controllers. */
final class JsonErrorWriter {

  private JsonErrorWriter() {}

  static void write(
      HttpServletResponse response, JsonMapper json, int status, String error, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.getOutputStream().write(json.writeValueAsBytes(new ErrorBody(error, message, status)));
  }
}
