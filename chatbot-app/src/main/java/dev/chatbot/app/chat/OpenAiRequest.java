package dev.chatbot.app.chat;

import dev.chatbot.app.model.Prompt;
import dev.chatbot.app.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the bot takes from an OpenAI chat-completions request: the last user message is the
 * question, earlier user/assistant messages the history, system/developer messages instructions.
 * {@code content} may be a string or an array of parts; text parts are joined, other parts (images,
 * audio) are refused with a 400 naming the message, since the bot cannot read them.
 */
record OpenAiRequest(
    String model,
    boolean stream,
    boolean includeUsage,
    String question,
    List<Prompt.HistoryTurn> history,
    List<String> instructions) {

  static OpenAiRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("request body must be a JSON object", null);
    }
    JsonNode messages = body.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw invalid("messages must be a non-empty array", "messages");
    }
    List<Prompt.HistoryTurn> turns = new ArrayList<>();
    List<String> instructions = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      String role = message.path("role").asString("");
      String content = content(message.path("content"), "messages[" + i + "].content");
      switch (role) {
        case "system", "developer" -> instructions.add(content);
        case "user", "assistant" -> turns.add(new Prompt.HistoryTurn(role, content));
        case "tool", "function" -> {
          // Tool results belong to tool calls the bot never makes: nothing to answer from.
        }
        default ->
            throw invalid(
                "messages[" + i + "].role must be system, developer, user or assistant",
                "messages[" + i + "].role");
      }
    }
    if (turns.isEmpty() || !"user".equals(turns.get(turns.size() - 1).role())) {
      throw invalid("the last user or assistant message must have role user", "messages");
    }
    String question = turns.remove(turns.size() - 1).content();
    JsonNode model = body.path("model");
    return new OpenAiRequest(
        model.isString() && !model.asString().isBlank()
            ? model.asString()
            : CompletionsController.MODEL_ID,
        body.path("stream").asBoolean(false),
        body.path("stream_options").path("include_usage").asBoolean(false),
        question,
        List.copyOf(turns),
        List.copyOf(instructions));
  }

  private static String content(JsonNode content, String param) {
    if (content.isString()) {
      return content.asString();
    }
    if (content.isNull() || content.isMissingNode()) {
      return "";
    }
    if (!content.isArray()) {
      throw invalid(param + " must be a string or an array of content parts", param);
    }
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < content.size(); j++) {
      JsonNode part = content.get(j);
      String type = part.path("type").asString("");
      if (!"text".equals(type) && !"input_text".equals(type)) {
        throw invalid(
            param + "[" + j + "] has type '" + type + "'; only text parts are supported",
            param + "[" + j + "].type");
      }
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append(part.path("text").asString(""));
    }
    return text.toString();
  }

  private static ApiException invalid(String message, String param) {
    return ApiException.badRequest("invalid_messages", message).param(param);
  }
}
