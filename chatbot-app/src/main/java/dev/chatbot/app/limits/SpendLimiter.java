package dev.chatbot.app.limits;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Model spend limits in tokens (CHATBOT_LIMIT_TOKENS_PER_REQUEST / _PER_HOUR / _PER_DAY, from the
 * CR's spec.limits). Per request: the prompt estimate must fit and the answer is capped to the
 * rest. Per hour and day (UTC calendar windows, for all replicas together through {@link
 * SharedSpend}): once the tokens the models reported reach the limit, requests get 429 {@code
 * spend_limit_exceeded} until the window ends.
 */
@Component
public class SpendLimiter {

  /** Rough tokens per character for the estimate before the call (English text ~4 chars). */
  static final int CHARS_PER_TOKEN = 4;

  private final long perRequest;
  private final Window hour;
  private final Window day;
  private final Clock clock;
  private final AppMetrics metrics;
  private final SharedSpend shared;

  @Autowired
  public SpendLimiter(ChatbotProperties props, AppMetrics metrics, JsonMapper json) {
    this(props, metrics, json, Clock.systemUTC());
  }

  SpendLimiter(ChatbotProperties props, AppMetrics metrics, JsonMapper json, Clock clock) {
    this.perRequest = props.tokensPerRequest();
    this.hour = new Window("hour", ChronoUnit.HOURS, props.tokensPerHour());
    this.day = new Window("day", ChronoUnit.DAYS, props.tokensPerDay());
    this.clock = clock;
    this.metrics = metrics;
    this.shared = new SharedSpend(props.stateDir(), json, clock);
  }

  /**
   * Refuses a request the limits cannot afford; returns the cap on the answer's tokens, or null
   * when there is no per-request limit.
   */
  public Integer admit(long promptCharacters) {
    Instant now = clock.instant();
    if (hour.limit > 0 || day.limit > 0) {
      SharedSpend.Others others = shared.others(hour.startOf(now), day.startOf(now));
      hour.check(now, others.hourTokens());
      day.check(now, others.dayTokens());
    }
    if (perRequest <= 0) {
      return null;
    }
    long estimate = (promptCharacters + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    if (estimate >= perRequest) {
      metrics.countSpendLimited("request");
      throw new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          "spend_limit_exceeded",
          "the request needs about "
              + estimate
              + " tokens, more than the limit of "
              + perRequest
              + " tokens per request; send a shorter message or history");
    }
    return (int) Math.min(Integer.MAX_VALUE, perRequest - estimate);
  }

  /** Counts what the model reported for a finished (or failed part-way) answer. */
  public void record(long inputTokens, long outputTokens) {
    if (hour.limit <= 0 && day.limit <= 0) {
      return;
    }
    Instant now = clock.instant();
    long tokens = inputTokens + outputTokens;
    shared.publish(
        new SharedSpend.Totals(
            hour.startOf(now), hour.add(now, tokens), day.startOf(now), day.add(now, tokens)));
  }

  private final class Window {
    private final String name;
    private final ChronoUnit unit;
    private final long limit;
    private Instant start = Instant.EPOCH;
    private long used;

    Window(String name, ChronoUnit unit, long limit) {
      this.name = name;
      this.unit = unit;
      this.limit = limit;
    }

    Instant startOf(Instant now) {
      return now.truncatedTo(unit);
    }

    synchronized void check(Instant now, long others) {
      roll(now);
      if (limit > 0 && used + others >= limit) {
        metrics.countSpendLimited(name);
        Instant end = start.plus(1, unit);
        long wait = Math.max(1, Duration.between(now, end).toSeconds());
        throw new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "spend_limit_exceeded",
                "the model spend limit of "
                    + limit
                    + " tokens per "
                    + name
                    + " is used up; it resets at "
                    + end)
            .retryAfter(wait);
      }
    }

    /** Adds this process's tokens; returns its total in the current window. */
    synchronized long add(Instant now, long tokens) {
      roll(now);
      used += tokens;
      return used;
    }

    private void roll(Instant now) {
      Instant current = startOf(now);
      if (!current.equals(start)) {
        start = current;
        used = 0;
      }
    }
  }
}
