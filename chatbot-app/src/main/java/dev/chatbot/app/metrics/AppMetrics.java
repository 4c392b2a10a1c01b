package dev.chatbot.app.metrics;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.web.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The app's own metrics (Prometheus names in docs/chatbot-app.md, "Metrics"). Request outcomes are
 * ok, client_error (4xx: the caller's fault, not an alert), error (5xx) and disconnected (the
 * client left mid-stream). Counters are registered up front so dashboards see zeros, not gaps.
 * Meters are looked up once per name and tags and kept: registering through Micrometer's builders
 * on every request (ids, tags, filters, the registry's map) was ~5 % of a chat request's CPU.
 */
@Component
public class AppMetrics {

  private static final String[] ENDPOINTS = {"chat", "chat_stream", "completions"};

  private final MeterRegistry registry;
  private final Duration[] generationBuckets;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
  private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

  public AppMetrics(MeterRegistry registry, ChatbotProperties props) {
    this.registry = registry;
    this.generationBuckets = bucketsUpTo(Duration.ofSeconds(props.modelTimeoutSeconds() * 2L));
    for (String endpoint : ENDPOINTS) {
      counter("chatbot.requests", "endpoint", endpoint, "outcome", "ok");
    }
    for (String kind : new String[] {"timeout", "unavailable", "rejected", "rate_limited"}) {
      counter("chatbot.model.errors", "kind", kind);
    }
    counter("chatbot.uploads", "outcome", "accepted");
    counter("chatbot.stream.disconnects");
    counter("chatbot.generations.refused");
    counter("chatbot.storage.sync.failures");
  }

  /** Generation-duration buckets from 50 ms doubling up to the model timeout (x2 for retries). */
  static Duration[] bucketsUpTo(Duration max) {
    List<Duration> buckets = new ArrayList<>();
    for (Duration d = Duration.ofMillis(50); d.compareTo(max) < 0; d = d.multipliedBy(2)) {
      buckets.add(d);
    }
    buckets.add(max);
    return buckets.toArray(Duration[]::new);
  }

  public <T> T time(String endpoint, Supplier<T> call) {
    long start = System.nanoTime();
    String outcome = "ok";
    try {
      return call.get();
    } catch (RuntimeException e) {
      outcome = outcomeOf(e);
      throw e;
    } finally {
      record(endpoint, outcome, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** ok, client_error for a 4xx ApiException, error otherwise. */
  public static String outcomeOf(Throwable e) {
    return e instanceof ApiException api && api.status().is4xxClientError()
        ? "client_error"
        : "error";
  }

  public void record(String endpoint, String outcome, Duration duration) {
    counter("chatbot.requests", "endpoint", endpoint, "outcome", outcome).increment();
    timers
        .computeIfAbsent(
            List.of("request", endpoint),
            k ->
                Timer.builder("chatbot.request")
                    .description("Chat request latency, model call included")
                    .tag("endpoint", endpoint)
                    .publishPercentileHistogram()
                    .register(registry))
        .record(duration);
  }

  public void countModelError(String kind) {
    counter("chatbot.model.errors", "kind", kind).increment();
  }

  public void tokens(String model, String direction, long count) {
    counter("chatbot.tokens", "model", model, "direction", direction).increment(count);
  }

  public void firstToken(String model, Duration sinceRequest) {
    timers
        .computeIfAbsent(
            List.of("first-token", model),
            k ->
                Timer.builder("chatbot.time.to.first.token")
                    .description("From the model call to its first token")
                    .tag("model", model)
                    .serviceLevelObjectives(generationBuckets)
                    .register(registry))
        .record(sinceRequest);
  }

  public void generation(String model, String outcome, Duration duration) {
    timers
        .computeIfAbsent(
            List.of("generation", model, outcome),
            k ->
                Timer.builder("chatbot.generation")
                    .description("Whole model generation, buckets up to the model timeout")
                    .tag("model", model)
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(generationBuckets)
                    .register(registry))
        .record(duration);
  }

  public void retrieval(Duration duration) {
    timers
        .computeIfAbsent(
            List.of("retrieval"),
            k ->
                Timer.builder("chatbot.retrieval")
                    .description("Embedding the question and searching the index")
                    .publishPercentileHistogram()
                    .register(registry))
        .record(duration);
  }

  public void countSyncFailure() {
    counter("chatbot.storage.sync.failures").increment();
  }

  public void countDisconnect() {
    counter("chatbot.stream.disconnects").increment();
  }

  public void countRefusedGeneration() {
    counter("chatbot.generations.refused").increment();
  }

  public void countSpendLimited(String window) {
    counter("chatbot.spend.limited", "window", window).increment();
  }

  public void countRateLimited(String key) {
    counter("chatbot.rate.limited", "key", key).increment();
  }

  public void countUpload(String outcome) {
    counter("chatbot.uploads", "outcome", outcome).increment();
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    Gauge.builder(name, value).description(description).register(registry);
  }

  private Counter counter(String name, String... tags) {
    List<String> key = new ArrayList<>(tags.length + 1);
    key.add(name);
    key.addAll(List.of(tags));
    return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(registry));
  }
}
