package dev.chatbot.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The app's own metrics. Prometheus names: chatbot_requests_total, chatbot_request_seconds
 * (histogram), chatbot_model_errors_total, chatbot_tokens_total, chatbot_documents,
 * chatbot_uploads_total. Counters are registered up front so dashboards see zeros, not gaps.
 */
@Component
public class AppMetrics {

  private final MeterRegistry registry;

  public AppMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String endpoint : new String[] {"chat", "chat_stream", "completions"}) {
      requests(endpoint, "ok");
    }
    modelError("timeout");
    modelError("unavailable");
    tokens("input", 0);
    tokens("output", 0);
    upload("accepted");
  }

  public void requests(String endpoint, String outcome) {
    Counter.builder("chatbot.requests")
        .description("Chat requests by endpoint and outcome")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome)
        .register(registry);
  }

  public <T> T time(String endpoint, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "ok";
    try {
      return call.get();
    } catch (RuntimeException e) {
      outcome = "error";
      throw e;
    } finally {
      record(endpoint, outcome, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  public void record(String endpoint, String outcome, Duration duration) {
    Counter.builder("chatbot.requests")
        .tag("endpoint", endpoint)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("chatbot.request")
        .description("Chat request latency, model call included")
        .tag("endpoint", endpoint)
        .publishPercentileHistogram()
        .register(registry)
        .record(duration);
  }

  public void modelError(String kind) {
    modelErrors(kind);
  }

  public void countModelError(String kind) {
    modelErrors(kind).increment();
  }

  private Counter modelErrors(String kind) {
    return Counter.builder("chatbot.model.errors")
        .description("Failed model calls by kind (timeout, unavailable)")
        .tag("kind", kind)
        .register(registry);
  }

  public void tokens(String type, long count) {
    Counter.builder("chatbot.tokens")
        .description("Tokens reported by the model (input, output)")
        .tag("type", type)
        .register(registry)
        .increment(count);
  }

  public void upload(String outcome) {
    Counter.builder("chatbot.uploads")
        .description("Document uploads by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  public void countUpload(String outcome) {
    Counter.builder("chatbot.uploads").tag("outcome", outcome).register(registry).increment();
  }

  public void documentsGauge(Supplier<Number> count) {
    io.micrometer.core.instrument.Gauge.builder("chatbot.documents", count)
        .description("Documents currently uploaded")
        .register(registry);
  }
}
