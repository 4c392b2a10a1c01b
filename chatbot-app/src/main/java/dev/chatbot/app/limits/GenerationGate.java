package dev.chatbot.app.limits;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.ApiException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds concurrent model generations (CHATBOT_MAX_CONCURRENT_GENERATIONS): past it a request is
 * refused at once with 503 + Retry-After instead of queueing behind answers that take seconds.
 */
@Component
public class GenerationGate {

  /** A busy model frees a slot within a few seconds; clients should not hammer sooner. */
  static final long RETRY_AFTER_SECONDS = 2;

  private final int max;
  private final Semaphore slots;
  private final AppMetrics metrics;

  public GenerationGate(ChatbotProperties props, AppMetrics metrics) {
    this.max = props.maxConcurrentGenerations();
    this.slots = new Semaphore(max);
    this.metrics = metrics;
    metrics.gauge(
        "chatbot.generations.in.flight",
        "Model generations running now",
        () -> max - slots.availablePermits());
  }

  /** A held slot; releasing twice is harmless (completion and cancellation may race). */
  public final class Permit {
    private final AtomicBoolean released = new AtomicBoolean();

    public void release() {
      if (released.compareAndSet(false, true)) {
        slots.release();
      }
    }
  }

  public Permit acquire() {
    if (!slots.tryAcquire()) {
      metrics.countRefusedGeneration();
      throw new ApiException(
              HttpStatus.SERVICE_UNAVAILABLE,
              "busy",
              "the chat service is answering " + max + " requests already; retry shortly")
          .retryAfter(RETRY_AFTER_SECONDS);
    }
    return new Permit();
  }
}
