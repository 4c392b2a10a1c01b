package dev.chatbot.app.web;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.metrics.AppMetrics;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens server-sent-event responses: async (no request thread waits while the model writes),
 * unbuffered by proxies ({@code X-Accel-Buffering: no}), with heartbeats, counted in flight.
 */
@Component
public class SseStreams {

  private final JsonMapper json;
  private final ScheduledExecutorService timers;
  private final AppMetrics metrics;
  private final Duration heartbeat;
  private final long timeoutMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final ExecutorService heartbeatWriters =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "sse-heartbeat");
            t.setDaemon(true);
            return t;
          });

  public SseStreams(
      JsonMapper json,
      ScheduledExecutorService streamTimers,
      AppMetrics metrics,
      ChatbotProperties props) {
    this.json = json;
    this.timers = streamTimers;
    this.metrics = metrics;
    this.heartbeat = Duration.ofSeconds(props.sseHeartbeatSeconds());
    // Past the model's own deadline (2x its timeout) plus room for the last events.
    this.timeoutMillis = (props.modelTimeoutSeconds() * 2L + 30) * 1000;
    metrics.gauge("chatbot.streams.in.flight", "Open streamed answers", open::get);
  }

  /** A new stream; {@code onGone} runs once if the client leaves before it completes. */
  public SseStream open(Runnable onGone) {
    SseEmitter emitter = new SseEmitter(timeoutMillis);
    open.incrementAndGet();
    return new SseStream(
        emitter, json, timers, heartbeatWriters, heartbeat, metrics, onGone, open::decrementAndGet);
  }

  @PreDestroy
  void stop() {
    heartbeatWriters.shutdownNow();
  }

  public static ResponseEntity<SseEmitter> response(SseStream stream) {
    return ResponseEntity.ok()
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no")
        .body(stream.emitter());
  }
}
