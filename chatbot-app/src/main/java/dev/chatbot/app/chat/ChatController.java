package dev.chatbot.app.chat;

import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.model.Generation;
import dev.chatbot.app.web.ApiException;
import dev.chatbot.app.web.SseStream;
import dev.chatbot.app.web.SseStreams;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code POST /api/chat} (JSON) and {@code POST /api/chat/stream} (server-sent events). */
@RestController
public class ChatController {

  private final ChatService chat;
  private final AppMetrics metrics;
  private final SseStreams streams;

  public ChatController(ChatService chat, AppMetrics metrics, SseStreams streams) {
    this.chat = chat;
    this.metrics = metrics;
    this.streams = streams;
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
   * Events: {@code token} ({"text"}) per piece of the answer as the model produces it, then {@code
   * done} (the same body as /api/chat), or {@code error} ({"error","message","status"}) if the
   * model fails mid-stream. Errors before the first event are plain JSON with their status.
   */
  @PostMapping(path = "/api/chat/stream", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<SseEmitter> stream(@RequestBody ChatRequest request) {
    long start = System.nanoTime();
    Conversation conversation = chat.open(request.message(), request.conversationId());
    AtomicReference<Generation> generation = new AtomicReference<>();
    SseStream sse =
        streams.open(
            () -> {
              cancel(generation);
              metrics.record("chat_stream", "disconnected", since(start));
            });
    try {
      generation.set(
          chat.stream(
              conversation,
              request.message(),
              new ChatService.AnswerListener() {
                @Override
                public void onToken(String text) {
                  sse.event("token", Map.of("text", text));
                }

                @Override
                public void onComplete(ChatService.Answer answer) {
                  sse.event(
                      "done",
                      new ChatService.ChatResult(
                          answer.generated().text(), answer.citations(), conversation.id()));
                  sse.complete();
                  metrics.record("chat_stream", "ok", since(start));
                }

                @Override
                public void onError(ApiException error) {
                  sse.event("error", error.body());
                  sse.complete();
                  metrics.record("chat_stream", AppMetrics.outcomeOf(error), since(start));
                }
              }));
    } catch (RuntimeException e) {
      sse.complete();
      metrics.record("chat_stream", AppMetrics.outcomeOf(e), since(start));
      throw e;
    }
    return SseStreams.response(sse);
  }

  static void cancel(AtomicReference<Generation> generation) {
    Generation g = generation.get();
    if (g != null) {
      g.cancel();
    }
  }

  static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
