package dev.chatbot.app.web;

import dev.chatbot.app.metrics.AppMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One open event stream. Each event is written and flushed as it is sent. A write that fails, a
 * servlet error or an async timeout means the client left: {@code onGone} runs once (it cancels the
 * model call), counted as a disconnect and logged at DEBUG, not as an error.
 */
public final class SseStream {

  private static final Logger log = LoggerFactory.getLogger(SseStream.class);

  private final SseEmitter emitter;
  private final JsonMapper json;
  private final AppMetrics metrics;
  private final Runnable onGone;
  private final Runnable onClosed;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ScheduledFuture<?> heartbeat;

  SseStream(
      SseEmitter emitter,
      JsonMapper json,
      ScheduledExecutorService timers,
      Executor writers,
      Duration every,
      AppMetrics metrics,
      Runnable onGone,
      Runnable onClosed) {
    this.emitter = emitter;
    this.json = json;
    this.metrics = metrics;
    this.onGone = onGone;
    this.onClosed = onClosed;
    this.heartbeat =
        timers.scheduleAtFixedRate(
            // The timer thread only hands off: a write to a slow client may block.
            () -> writers.execute(() -> write(SseEmitter.event().comment("keepalive"))),
            every.toMillis(),
            every.toMillis(),
            TimeUnit.MILLISECONDS);
    emitter.onError(e -> gone("servlet error: " + e));
    emitter.onTimeout(() -> gone("async timeout"));
    emitter.onCompletion(this::close);
  }

  SseEmitter emitter() {
    return emitter;
  }

  /** An event with a name ({@code event:}) and one-line JSON data; name null for OpenAI. */
  public void event(String name, Object data) {
    SseEmitter.SseEventBuilder event = SseEmitter.event().data(json.writeValueAsString(data));
    write(name == null ? event : event.name(name));
  }

  /** A literal data line, e.g. OpenAI's {@code [DONE]}. */
  public void raw(String data) {
    write(SseEmitter.event().data(data));
  }

  public void complete() {
    if (close()) {
      emitter.complete();
    }
  }

  private void write(SseEmitter.SseEventBuilder event) {
    if (closed.get()) {
      return;
    }
    try {
      synchronized (this) {
        emitter.send(event);
      }
    } catch (IOException | IllegalStateException e) {
      gone(e.toString());
    }
  }

  private void gone(String why) {
    if (close()) {
      metrics.countDisconnect();
      log.debug("client left the stream ({}); cancelling the generation", why);
      onGone.run();
    }
  }

  private boolean close() {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    heartbeat.cancel(false);
    onClosed.run();
    return true;
  }
}
