package dev.chatbot.app.chat;

import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.ApiException;
import dev.chatbot.app.web.SseWriter;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/chat} (JSON) and {@code POST /api/chat/stream} (server-sent events). */
@RestController
public class ChatController {

  private final ChatService chat;
  private final AppMetrics metrics;
  private final JsonMapper json;

  public ChatController(ChatService chat, AppMetrics metrics, JsonMapper json) {
    this.chat = chat;
    this.metrics = metrics;
    this.json = json;
  }

  /** Body of both endpoints; conversationId continues an earlier conversation. */
  public record ChatRequest(String message, String conversationId) {}

  @PostMapping(path = "/api/chat", consumes = MediaType.APPLICATION_JSON_VALUE)
  ChatService.ChatResult chat(@RequestBody ChatRequest request) {
    return metrics.time(
        "chat",
        () -> {
          Conversation conversation = chat.open(request.message(), request.conversationId());
          return chat.chat(conversation, request.message());
        });
  }

  /**
   * Events: {@code token} ({"text"}) per piece of the answer, then {@code done} (the same body as
   * /api/chat), or {@code error} ({"error","message","status"}) if the model fails mid-stream.
   */
  @PostMapping(path = "/api/chat/stream", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StreamingResponseBody> stream(@RequestBody ChatRequest request) {
    Conversation conversation = chat.open(request.message(), request.conversationId());
    StreamingResponseBody body =
        out -> {
          SseWriter sse = new SseWriter(out, json);
          long start = System.nanoTime();
          String outcome = "ok";
          try {
            ChatService.ChatResult result =
                chat.stream(
                    conversation, request.message(), t -> sse.event("token", Map.of("text", t)));
            sse.event("done", result);
          } catch (ApiException e) {
            outcome = "error";
            sse.event("error", e.body());
          } finally {
            metrics.record("chat_stream", outcome, Duration.ofNanos(System.nanoTime() - start));
          }
        };
    return ResponseEntity.ok()
        .contentType(MediaType.TEXT_EVENT_STREAM)
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no")
        .body(body);
  }
}
