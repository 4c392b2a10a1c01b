package dev.chatbot.app.model;

import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.ApiException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/** Answers with a LangChain4j chat model (OpenAI-compatible or Ollama). */
public class LanguageModelAnswerGenerator implements AnswerGenerator {

  /** Earlier turns sent along; older ones are dropped to bound the prompt. */
  static final int MAX_HISTORY_TURNS = 10;

  private final ChatModel chatModel;
  private final StreamingChatModel streamingModel;
  private final String modelName;
  private final String systemPrompt;
  private final Duration streamDeadline;
  private final ScheduledExecutorService timers;
  private final AppMetrics metrics;

  public LanguageModelAnswerGenerator(
      ChatModel chatModel,
      StreamingChatModel streamingModel,
      String modelName,
      String systemPrompt,
      Duration timeout,
      ScheduledExecutorService timers,
      AppMetrics metrics) {
    this.chatModel = chatModel;
    this.streamingModel = streamingModel;
    this.modelName = modelName;
    this.systemPrompt = systemPrompt;
    // The HTTP timeout covers the wait for the first byte; this bounds the whole stream.
    this.streamDeadline = timeout.multipliedBy(2);
    this.timers = timers;
    this.metrics = metrics;
    metrics.tokens(modelName, "input", 0);
    metrics.tokens(modelName, "output", 0);
  }

  @Override
  public GeneratedAnswer generate(Prompt prompt) {
    long start = System.nanoTime();
    ChatResponse response;
    try {
      response = chatModel.chat(request(prompt));
    } catch (RuntimeException e) {
      ApiException failed = failed(e);
      metrics.generation(modelName, "error", Duration.ofNanos(System.nanoTime() - start));
      throw failed;
    }
    GeneratedAnswer answer = answer(response);
    metrics.generation(modelName, "ok", Duration.ofNanos(System.nanoTime() - start));
    return answer;
  }

  @Override
  public Generation stream(Prompt prompt, StreamListener listener) {
    ModelStream stream = new ModelStream(this, listener, System.nanoTime());
    stream.armDeadline(timers, streamDeadline);
    try {
      streamingModel.chat(request(prompt), stream);
    } catch (RuntimeException e) {
      stream.onError(e);
    }
    return stream;
  }

  String modelName() {
    return modelName;
  }

  AppMetrics metrics() {
    return metrics;
  }

  ApiException failed(Throwable error) {
    if (error instanceof ApiException api) {
      return api;
    }
    ApiException translated = ModelErrors.translate(error);
    metrics.countModelError(ModelErrors.kind(translated));
    return translated;
  }

  GeneratedAnswer answer(ChatResponse response) {
    if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
      throw failed(new IllegalStateException("empty answer from the model"));
    }
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    metrics.tokens(modelName, "input", in);
    metrics.tokens(modelName, "output", out);
    return new GeneratedAnswer(
        response.aiMessage().text(), in, out, finishReason(response.finishReason()));
  }

  /** LangChain4j's reason as the OpenAI wire value. */
  static String finishReason(FinishReason reason) {
    if (reason == null) {
      return "stop";
    }
    return switch (reason) {
      case STOP, OTHER -> "stop";
      case LENGTH -> "length";
      case CONTENT_FILTER -> "content_filter";
      case TOOL_EXECUTION -> "tool_calls";
    };
  }

  ChatRequest request(Prompt prompt) {
    List<ChatMessage> messages = new ArrayList<>();
    StringBuilder system = new StringBuilder(systemPrompt);
    for (String instruction : prompt.instructions()) {
      system.append("\n\n").append(instruction);
    }
    system.append("\n\n").append(Prompt.context(prompt.passages()));
    messages.add(SystemMessage.from(system.toString()));
    List<Prompt.HistoryTurn> history = prompt.history();
    for (Prompt.HistoryTurn turn :
        history.subList(Math.max(0, history.size() - MAX_HISTORY_TURNS), history.size())) {
      messages.add(
          "assistant".equals(turn.role())
              ? AiMessage.from(turn.content())
              : UserMessage.from(turn.content()));
    }
    messages.add(UserMessage.from(prompt.question()));
    return ChatRequest.builder()
        .messages(messages)
        .maxOutputTokens(prompt.maxOutputTokens())
        .build();
  }
}
