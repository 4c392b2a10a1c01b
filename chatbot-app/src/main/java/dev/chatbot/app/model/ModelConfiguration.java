package dev.chatbot.app.model;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.metrics.AppMetrics;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the answer generator for CHATBOT_MODEL_PROVIDER; models are built here, not by starters.
 */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

  static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
  static final String OPENAI_DEFAULT_MODEL = "gpt-4o-mini";
  static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";
  static final String OLLAMA_DEFAULT_MODEL = "llama3.2";

  /**
   * One thread for every stream's deadline and SSE heartbeat: timers only, never blocking work, so
   * one is enough for thousands of streams.
   */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService streamTimers() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "stream-timers");
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  AnswerGenerator answerGenerator(
      ChatbotProperties props, AppMetrics metrics, ScheduledExecutorService streamTimers) {
    Duration timeout = Duration.ofSeconds(props.modelTimeoutSeconds());
    return switch (props.modelProvider()) {
      case OFFLINE -> new OfflineAnswerGenerator();
      case OPENAI -> openAi(props, timeout, streamTimers, metrics);
      case OLLAMA -> ollama(props, timeout, streamTimers, metrics);
    };
  }

  private static AnswerGenerator openAi(
      ChatbotProperties props, Duration timeout, ScheduledExecutorService timers, AppMetrics m) {
    String url = baseUrl(props, OPENAI_DEFAULT_URL);
    String model = props.modelName() == null ? OPENAI_DEFAULT_MODEL : props.modelName();
    // OpenAI-compatible servers (vLLM, LocalAI, llama.cpp) often need no key, the client one.
    String key = props.modelApiKey() == null ? "not-needed" : props.modelApiKey();
    return new LanguageModelAnswerGenerator(
        OpenAiChatModel.builder()
            .httpClientBuilder(PooledModelHttpClient.builder())
            .baseUrl(url)
            .apiKey(key)
            .modelName(model)
            .timeout(timeout)
            .maxRetries(1)
            .build(),
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(PooledModelHttpClient.builder())
            .baseUrl(url)
            .apiKey(key)
            .modelName(model)
            .timeout(timeout)
            .build(),
        model,
        props.systemPrompt(),
        timeout,
        timers,
        m);
  }

  private static AnswerGenerator ollama(
      ChatbotProperties props, Duration timeout, ScheduledExecutorService timers, AppMetrics m) {
    String url = baseUrl(props, OLLAMA_DEFAULT_URL);
    String model = props.modelName() == null ? OLLAMA_DEFAULT_MODEL : props.modelName();
    return new LanguageModelAnswerGenerator(
        OllamaChatModel.builder()
            .httpClientBuilder(PooledModelHttpClient.builder())
            .baseUrl(url)
            .modelName(model)
            .timeout(timeout)
            .maxRetries(1)
            .build(),
        OllamaStreamingChatModel.builder()
            .httpClientBuilder(PooledModelHttpClient.builder())
            .baseUrl(url)
            .modelName(model)
            .timeout(timeout)
            .build(),
        model,
        props.systemPrompt(),
        timeout,
        timers,
        m);
  }

  static String baseUrl(ChatbotProperties props, String fallback) {
    String url = props.modelBaseUrl() == null ? fallback : props.modelBaseUrl();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
