package dev.chatbot.app.chat;

import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.model.Generation;
import dev.chatbot.app.model.Prompt;
import dev.chatbot.app.web.ApiException;
import dev.chatbot.app.web.ErrorEnvelope;
import dev.chatbot.app.web.SseStream;
import dev.chatbot.app.web.SseStreams;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/chat/completions} and {@code GET /v1/models}, OpenAI-compatible so the official
 * SDKs, Open WebUI and in-cluster services can call the bot. Stateless: the caller sends the
 * history. Errors use the OpenAI envelope ({@link ErrorEnvelope}).
 */
@RestController
public class CompletionsController {

  /** The one model this endpoint serves; any requested name is answered by it and echoed. */
  static final String MODEL_ID = "chatbot";

  private final ChatService chat;
  private final AppMetrics metrics;
  private final SseStreams streams;
  private final long startedAt = Instant.now().getEpochSecond();

  public CompletionsController(ChatService chat, AppMetrics metrics, SseStreams streams) {
    this.chat = chat;
    this.metrics = metrics;
    this.streams = streams;
  }

  @GetMapping("/v1/models")
  Map<String, Object> models() {
    return Map.of(
        "object",
        "list",
        "data",
        List.of(
            Map.of(
                "id", MODEL_ID, "object", "model", "created", startedAt, "owned_by", "chatbot")));
  }

  @PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> complete(@RequestBody JsonNode body) {
    OpenAiRequest request = OpenAiRequest.parse(body);
    Prompt prompt = chat.prompt(request.history(), request.instructions(), request.question());
    OpenAiResponses.Ids ids =
        new OpenAiResponses.Ids(
            "chatcmpl-" + UUID.randomUUID(), Instant.now().getEpochSecond(), request.model());
    if (request.stream()) {
      return SseStreams.response(stream(prompt, ids, request.includeUsage()));
    }
    ChatService.Answer answer = metrics.time("completions", () -> chat.answer(prompt));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(OpenAiResponses.completion(ids, answer));
  }

  private SseStream stream(Prompt prompt, OpenAiResponses.Ids ids, boolean includeUsage) {
    long start = System.nanoTime();
    AtomicReference<Generation> generation = new AtomicReference<>();
    SseStream sse =
        streams.open(
            () -> {
              ChatController.cancel(generation);
              metrics.record("completions", "disconnected", ChatController.since(start));
            });
    try {
      generation.set(
          chat.stream(
              prompt,
              new ChatService.AnswerListener() {
                private boolean started;

                @Override
                public void onToken(String text) {
                  if (!started) {
                    started = true;
                    sse.event(null, OpenAiResponses.chunk(ids, Map.of("role", "assistant"), null));
                  }
                  sse.event(null, OpenAiResponses.chunk(ids, Map.of("content", text), null));
                }

                @Override
                public void onComplete(ChatService.Answer answer) {
                  sse.event(null, OpenAiResponses.finalChunk(ids, answer));
                  if (includeUsage) {
                    sse.event(null, OpenAiResponses.usageChunk(ids, answer.generated()));
                  }
                  finish("ok");
                }

                @Override
                public void onError(ApiException e) {
                  sse.event(
                      null,
                      ErrorEnvelope.openAi(e.status().value(), e.error(), e.getMessage(), null));
                  finish(AppMetrics.outcomeOf(e));
                }

                private void finish(String outcome) {
                  sse.raw("[DONE]");
                  sse.complete();
                  metrics.record("completions", outcome, ChatController.since(start));
                }
              }));
    } catch (RuntimeException e) {
      sse.complete();
      metrics.record("completions", AppMetrics.outcomeOf(e), ChatController.since(start));
      throw e;
    }
    return sse;
  }
}
