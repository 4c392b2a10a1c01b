package dev.chatbot.app.chat;

import dev.chatbot.app.model.GeneratedAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI response shapes: the completion, stream chunks, usage. {@code citations} is an extra
 * top-level field (SDKs keep unknown fields: {@code completion.model_extra["citations"]} in
 * Python).
 */
final class OpenAiResponses {

  private OpenAiResponses() {}

  /** Identity of one completion, shared by all its chunks. */
  record Ids(String id, long created, String model) {}

  static Map<String, Object> completion(Ids ids, ChatService.Answer answer) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("role", "assistant");
    message.put("content", answer.generated().text());
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("finish_reason", answer.generated().finishReason());
    Map<String, Object> body = head(ids, "chat.completion");
    body.put("choices", List.of(choice));
    body.put("usage", usage(answer.generated()));
    body.put("citations", answer.citations());
    return body;
  }

  static Map<String, Object> chunk(Ids ids, Map<String, Object> delta, String finishReason) {
    Map<String, Object> choice = new LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    Map<String, Object> body = head(ids, "chat.completion.chunk");
    body.put("choices", List.of(choice));
    return body;
  }

  /** The last chunk: the finish reason, and the citations as the extra field. */
  static Map<String, Object> finalChunk(Ids ids, ChatService.Answer answer) {
    Map<String, Object> body = chunk(ids, Map.of(), answer.generated().finishReason());
    body.put("citations", answer.citations());
    return body;
  }

  /** With stream_options.include_usage: empty choices and the usage, as OpenAI sends it. */
  static Map<String, Object> usageChunk(Ids ids, GeneratedAnswer answer) {
    Map<String, Object> body = head(ids, "chat.completion.chunk");
    body.put("choices", List.of());
    body.put("usage", usage(answer));
    return body;
  }

  private static Map<String, Object> head(Ids ids, String object) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", ids.id());
    body.put("object", object);
    body.put("created", ids.created());
    body.put("model", ids.model());
    return body;
  }

  private static Map<String, Object> usage(GeneratedAnswer answer) {
    return Map.of(
        "prompt_tokens", answer.inputTokens(),
        "completion_tokens", answer.outputTokens(),
        "total_tokens", answer.inputTokens() + answer.outputTokens());
  }
}
