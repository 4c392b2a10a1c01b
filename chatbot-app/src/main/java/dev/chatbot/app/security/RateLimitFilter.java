package dev.chatbot.app.security;

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
 * Token bucket per client IP (CHATBOT_RATE_LIMIT_PER_MINUTE): a greedy refill of the whole budget
 * per minute; over it, 429 with Retry-After. Buckets live in a bounded LRU map so a scan from many
 * addresses cannot grow memory without limit.
 */
public class RateLimitFilter extends OncePerRequestFilter {

  static final int MAX_CLIENTS = 10_000;

  private final int perMinute;
  private final JsonMapper json;
  private final Map<String, Bucket> buckets =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  public RateLimitFilter(int perMinute, JsonMapper json) {
    this.perMinute = perMinute;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ConsumptionProbe probe = bucketFor(request.getRemoteAddr()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
    response.setHeader("Retry-After", Long.toString(seconds));
    JsonErrorWriter.write(
        response, json, 429, "rate_limited", "more than " + perMinute + " requests per minute");
  }

  private synchronized Bucket bucketFor(String client) {
    return buckets.computeIfAbsent(
        client,
        c ->
            Bucket.builder()
                .addLimit(
                    Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, Duration.ofMinutes(1))
                        .build())
                .build());
  }
}
