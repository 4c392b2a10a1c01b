package dev.chatbot.app.model;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.config.ChatbotProperties.ModelProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness component "model": UP unless CHATBOT_MODEL_REQUIRED_FOR_READINESS is set and the model
 * server does not answer. Never part of liveness: a model outage must not restart the pod.
 */
@Component("model")
public class ModelHealthIndicator implements HealthIndicator {

  private static final Duration CACHE = Duration.ofSeconds(10);

  private final ChatbotProperties props;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private volatile Health last;
  private volatile Instant checkedAt = Instant.EPOCH;

  public ModelHealthIndicator(ChatbotProperties props) {
    this.props = props;
  }

  @Override
  public Health health() {
    if (!props.modelRequiredForReadiness() || props.modelProvider() == ModelProvider.OFFLINE) {
      return Health.up()
          .withDetail("provider", props.modelProvider().name().toLowerCase())
          .withDetail("requiredForReadiness", props.modelRequiredForReadiness())
          .build();
    }
    if (last == null || Instant.now().isAfter(checkedAt.plus(CACHE))) {
      last = probe();
      checkedAt = Instant.now();
    }
    return last;
  }

  private Health probe() {
    boolean openAi = props.modelProvider() == ModelProvider.OPENAI;
    String base =
        ModelConfiguration.baseUrl(
            props,
            openAi ? ModelConfiguration.OPENAI_DEFAULT_URL : ModelConfiguration.OLLAMA_DEFAULT_URL);
    URI uri = URI.create(base + (openAi ? "/models" : "/api/tags"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET();
    if (openAi && props.modelApiKey() != null) {
      request.header("Authorization", "Bearer " + props.modelApiKey());
    }
    try {
      int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
      return (status < 500 ? Health.up() : Health.down()).withDetail("status", status).build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
    }
  }
}
