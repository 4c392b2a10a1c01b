package dev.chatbot.app.chat;

import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.model.GeneratedAnswer;
import dev.chatbot.app.model.Prompt;
import dev.chatbot.app.web.ApiException;
import dev.chatbot.app.web.SseWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/chat/completions}, OpenAI-compatible so existing clients and in-cluster services
 * can call the bot. Stateless: the caller sends the history; the last user message is the question.
 */
@RestController
public class CompletionsController {

  static final String MODEL_NAME = "chatbot";

  private final ChatService chat;
  private final AppMetrics metrics;
  private final JsonMapper json;

  public CompletionsController(ChatService chat, AppMetrics metrics, JsonMapper json) {
    this.chat = chat;
    this.metrics = metrics;
    this.json = json;
  }

  /** The subset of the OpenAI request the bot uses. */
  public record CompletionRequest(String model, List<Message> messages, Boolean stream) {}

  /** An OpenAI message with plain-text content. */
  public record Message(String role, String content) {}

  @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StreamingResponseBody> complete(@RequestBody CompletionRequest request) {
    List<Message> messages = request.messages() == null ? List.of() : request.messages();
    if (messages.isEmpty() || !"user".equals(messages.get(messages.size() - 1).role())) {
      throw ApiException.badRequest("invalid_messages", "the last message must have role user");
    }
    String question = messages.get(messages.size() - 1).content();
    ChatService.validate(question);
    List<Prompt.HistoryTurn> history = new ArrayList<>();
    for (Message m : messages.subList(0, messages.size() - 1)) {
      if ("user".equals(m.role()) || "assistant".equals(m.role())) {
        history.add(new Prompt.HistoryTurn(m.role(), m.content() == null ? "" : m.content()));
      }
    }
    String id = "chatcmpl-" + UUID.randomUUID();
    long created = Instant.now().getEpochSecond();
    String model = request.model() == null ? MODEL_NAME : request.model();
    if (Boolean.TRUE.equals(request.stream())) {
      return ResponseEntity.ok()
          .contentType(MediaType.TEXT_EVENT_STREAM)
          .header("Cache-Control", "no-cache")
          .body(streamBody(history, question, id, created, model));
    }
    GeneratedAnswer answer =
        metrics.time("completions", () -> chat.complete(history, question, null));
    // One return type for both modes: Spring picks the StreamingResponseBody handler from it.
    byte[] body = json.writeValueAsBytes(completion(id, created, model, answer));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> out.write(body));
  }

  private static Map<String, Object> completion(
      String id, long created, String model, GeneratedAnswer answer) {
    return Map.of(
        "id",
        id,
        "object",
        "chat.completion",
        "created",
        created,
        "model",
        model,
        "choices",
        List.of(
            Map.of(
                "index",
                0,
                "message",
                Map.of("role", "assistant", "content", answer.text()),
                "finish_reason",
                "stop")),
        "usage",
        Map.of(
            "prompt_tokens", answer.inputTokens(),
            "completion_tokens", answer.outputTokens(),
            "total_tokens", answer.inputTokens() + answer.outputTokens()));
  }

  private StreamingResponseBody streamBody(
      List<Prompt.HistoryTurn> history, String question, String id, long created, String model) {
    return out -> {
      SseWriter sse = new SseWriter(out, json);
      long start = System.nanoTime();
      String outcome = "ok";
      try {
        sse.event(null, chunk(id, created, model, Map.of("role", "assistant"), null));
        chat.complete(
            history,
            question,
            t -> sse.event(null, chunk(id, created, model, Map.of("content", t), null)));
        sse.event(null, chunk(id, created, model, Map.of(), "stop"));
      } catch (ApiException e) {
        outcome = "error";
        sse.event(null, Map.of("error", e.body()));
      } finally {
        metrics.record("completions", outcome, Duration.ofNanos(System.nanoTime() - start));
      }
      sse.raw("[DONE]");
    };
  }

  private static Map<String, Object> chunk(
      String id, long created, String model, Map<String, String> delta, String finishReason) {
    Map<String, Object> choice = new java.util.LinkedHashMap<>();
    choice.put("index", 0);
    choice.put("delta", delta);
    choice.put("finish_reason", finishReason);
    return Map.of(
        "id", id,
        "object", "chat.completion.chunk",
        "created", created,
        "model", model,
        "choices", List.of(choice));
  }
}
