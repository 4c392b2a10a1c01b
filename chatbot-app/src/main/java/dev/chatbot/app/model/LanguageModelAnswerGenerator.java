package dev.chatbot.app.model;

import dev.chatbot.app.documents.Passage;
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
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Answers with a LangChain4j chat model (OpenAI-compatible or Ollama). */
public class LanguageModelAnswerGenerator implements AnswerGenerator {

  /** Earlier turns sent along; older ones are dropped to bound the prompt. */
  static final int MAX_HISTORY_TURNS = 10;

  private final ChatModel chatModel;
  private final StreamingChatModel streamingModel;
  private final String systemPrompt;
  private final Duration timeout;
  private final AppMetrics metrics;

  public LanguageModelAnswerGenerator(
      ChatModel chatModel,
      StreamingChatModel streamingModel,
      String systemPrompt,
      Duration timeout,
      AppMetrics metrics) {
    this.chatModel = chatModel;
    this.streamingModel = streamingModel;
    this.systemPrompt = systemPrompt;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  @Override
  public GeneratedAnswer generate(Prompt prompt) {
    ChatResponse response;
    try {
      response = chatModel.chat(request(prompt));
    } catch (RuntimeException e) {
      throw failed(e);
    }
    return answer(response);
  }

  @Override
  public GeneratedAnswer stream(Prompt prompt, Consumer<String> onToken) {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    streamingModel.chat(
        request(prompt),
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(String partial) {
            try {
              onToken.accept(partial);
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    try {
      // The HTTP timeout covers the wait for the first byte; this bounds the whole stream.
      return answer(done.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    }
  }

  private ApiException failed(Throwable error) {
    if (error instanceof ApiException api) {
      return api;
    }
    ApiException translated = ModelErrors.translate(error);
    metrics.countModelError(translated.status().value() == 504 ? "timeout" : "unavailable");
    return translated;
  }

  private GeneratedAnswer answer(ChatResponse response) {
    if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
      metrics.countModelError("unavailable");
      throw ModelErrors.translate(new IllegalStateException("empty answer from the model"));
    }
    TokenUsage usage = response.tokenUsage();
    long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
    long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
    metrics.tokens("input", in);
    metrics.tokens("output", out);
    return new GeneratedAnswer(response.aiMessage().text(), in, out);
  }

  ChatRequest request(Prompt prompt) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(systemPrompt + "\n\n" + context(prompt.passages())));
    List<Prompt.HistoryTurn> history = prompt.history();
    for (Prompt.HistoryTurn turn :
        history.subList(Math.max(0, history.size() - MAX_HISTORY_TURNS), history.size())) {
      messages.add(
          "assistant".equals(turn.role())
              ? AiMessage.from(turn.content())
              : UserMessage.from(turn.content()));
    }
    messages.add(UserMessage.from(prompt.question()));
    return ChatRequest.builder().messages(messages).build();
  }

  private static String context(List<Passage> passages) {
    if (passages.isEmpty()) {
      return "No documents have been uploaded; answer from general knowledge.";
    }
    StringBuilder text = new StringBuilder("Passages from the user's documents:");
    for (int i = 0; i < passages.size(); i++) {
      Passage p = passages.get(i);
      text.append("\n\n[").append(i + 1).append("] (").append(p.documentName()).append(") ");
      text.append(p.text().strip());
    }
    return text.toString();
  }
}
