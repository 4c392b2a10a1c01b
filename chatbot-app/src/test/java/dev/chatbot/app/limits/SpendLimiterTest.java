package dev.chatbot.app.limits;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatbot.app.config.ChatbotProperties;
import dev.chatbot.app.config.TestingProperties;
import dev.chatbot.app.metrics.AppMetrics;
import dev.chatbot.app.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Two replicas (two limiters on the same uploads volume) share one hourly and daily budget. */
class SpendLimiterTest {

  @TempDir Path uploads;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:15:00Z"));

  private SpendLimiter replica(long perHour, long perDay) {
    ChatbotProperties props =
        TestingProperties.of(uploads, uploads.resolve("../exports"), perHour, perDay, null);
    return new SpendLimiter(
        props,
        new AppMetrics(new SimpleMeterRegistry(), props),
        JsonMapper.builder().build(),
        clock);
  }

  @Test
  void whatOneReplicaSpentCountsAgainstTheOther() {
    SpendLimiter a = replica(1000, 0);
    SpendLimiter b = replica(1000, 0);

    a.record(400, 300);
    b.admit(10); // 700 of 1000 used across both: still admitted
    b.record(200, 100);
    clock.advance(SharedSpend.REFRESH);

    assertThatThrownBy(() -> a.admit(10))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("1000 tokens per hour");
    assertThatThrownBy(() -> b.admit(10)).isInstanceOf(ApiException.class);
  }

  @Test
  void theNextHourStartsFreshButTheDayRemembersEveryReplica() {
    SpendLimiter a = replica(1000, 1500);
    SpendLimiter b = replica(1000, 1500);
    a.record(600, 400);

    clock.advance(Duration.ofHours(1));
    b.admit(10); // a new hour: a's 1000 no longer count for the hour
    b.record(300, 200);
    clock.advance(SharedSpend.REFRESH);

    assertThatThrownBy(() -> a.admit(10)).hasMessageContaining("1500 tokens per day");
  }

  @Test
  void aRestartedReplicaDoesNotGetAFreshBudget() {
    replica(1000, 0).record(800, 200);

    SpendLimiter restarted = replica(1000, 0);

    assertThatThrownBy(() -> restarted.admit(10)).hasMessageContaining("per hour");
  }

  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
