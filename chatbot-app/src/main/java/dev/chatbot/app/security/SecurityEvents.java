package dev.chatbot.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Security audit lines for operators to grep: logger {@code chatbot.security}, WARN, a stable
 * {@code event.action} (auth_failed, rate_limited, request_refused, upload_refused) and the client
 * address, user and path as separate JSON fields. Never the password or the request body.
 */
@Component
public class SecurityEvents {

  private static final Logger log = LoggerFactory.getLogger("chatbot.security");

  private final ClientAddress clients;

  public SecurityEvents(ClientAddress clients) {
    this.clients = clients;
  }

  public void authFailed(HttpServletRequest request, String user, String scheme) {
    log.atWarn()
        .addKeyValue("event.action", "auth_failed")
        .addKeyValue("client.address", clients.of(request))
        .addKeyValue("user.name", user)
        .addKeyValue("auth.scheme", scheme)
        .addKeyValue("url.path", request.getRequestURI())
        .log("auth_failed: bad credentials for user {}", user);
  }

  public void rateLimited(HttpServletRequest request, String key, String value) {
    log.atWarn()
        .addKeyValue("event.action", "rate_limited")
        .addKeyValue("client.address", clients.of(request))
        .addKeyValue("rate_limit.key", key)
        .addKeyValue("rate_limit.value", value)
        .addKeyValue("url.path", request.getRequestURI())
        .log("rate_limited: {} {} is over its request budget", key, value);
  }

  public void refused(HttpServletRequest request, String reason, long bytes) {
    log.atWarn()
        .addKeyValue("event.action", "request_refused")
        .addKeyValue("event.reason", reason)
        .addKeyValue("client.address", clients.of(request))
        .addKeyValue("http.request.body.bytes", bytes)
        .addKeyValue("url.path", request.getRequestURI())
        .log("request_refused: {} ({} bytes)", reason, bytes);
  }

  public void uploadRefused(String client, String reason, String fileName) {
    log.atWarn()
        .addKeyValue("event.action", "upload_refused")
        .addKeyValue("event.reason", reason)
        .addKeyValue("client.address", client)
        .addKeyValue("file.name", fileName)
        .log("upload_refused: {} ({})", reason, fileName);
  }
}
