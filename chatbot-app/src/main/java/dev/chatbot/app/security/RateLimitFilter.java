package dev.chatbot.app.security;

import dev.chatbot.app.metrics.AppMetrics;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets (CHATBOT_RATE_LIMIT_PER_MINUTE, greedy refill per minute) per client address and
 * per user named in the Authorization header. Runs before authentication, so password guessing is
 * throttled too: by address, and per targeted user across addresses. Over either: 429 with
 * Retry-After. Buckets live in bounded LRU maps so a scan cannot grow memory without limit.
 */
public class RateLimitFilter extends OncePerRequestFilter {

  static final int MAX_KEYS = 10_000;

  private final int perMinute;
  private final JsonMapper json;
  private final ClientAddress clients;
  private final SecurityEvents events;
  private final AppMetrics metrics;
  private final Map<String, Bucket> byAddress = lru();
  private final Map<String, Bucket> byUser = lru();

  public RateLimitFilter(
      int perMinute,
      JsonMapper json,
      ClientAddress clients,
      SecurityEvents events,
      AppMetrics metrics) {
    this.perMinute = perMinute;
    this.json = json;
    this.clients = clients;
    this.events = events;
    this.metrics = metrics;
  }

  private static Map<String, Bucket> lru() {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > MAX_KEYS;
      }
    };
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = clients.of(request);
    if (refused(request, response, byAddress, "address", address)) {
      return;
    }
    String user = ClaimedUser.of(request);
    if (user != null && refused(request, response, byUser, "user", user)) {
      return;
    }
    chain.doFilter(request, response);
  }

  private boolean refused(
      HttpServletRequest request,
      HttpServletResponse response,
      Map<String, Bucket> buckets,
      String key,
      String value)
      throws IOException {
    ConsumptionProbe probe;
    synchronized (buckets) {
      probe = buckets.computeIfAbsent(value, v -> bucket()).tryConsumeAndReturnRemaining(1);
    }
    if (probe.isConsumed()) {
      return false;
    }
    metrics.countRateLimited(key);
    events.rateLimited(request, key, value);
    long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
    response.setHeader("Retry-After", Long.toString(seconds));
    JsonErrorWriter.write(
        request,
        response,
        json,
        429,
        "rate_limited",
        "more than " + perMinute + " requests per minute for this " + key);
    return true;
  }

  private Bucket bucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }
}
