package dev.chatbot.app.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the app, bound from the environment contract (see application.yml for the
 * CHATBOT_* variable of each field and docs/chatbot-app.md for the table).
 *
 * @param uploadsDir uploaded documents, their metadata and the app's state (.state/)
 * @param exportsDir conversation exports (Markdown + JSON)
 * @param modelProvider offline (no network), openai (any OpenAI-compatible URL) or ollama
 * @param modelBaseUrl base URL of the model server; empty means the provider's default
 * @param modelName model name sent to the provider
 * @param modelApiKey API key for the openai provider; empty when the server needs none
 * @param systemPrompt system prompt put before the retrieved passages
 * @param modelTimeoutSeconds timeout of one model call
 * @param authUsersFile optional file of {@code user:{noop}pw} / {@code user:{bcrypt}hash} lines
 * @param maxUploadBytes largest accepted upload
 * @param rateLimitPerMinute chat/document requests per client IP and minute, 0 = unlimited
 * @param modelRequiredForReadiness whether an unreachable model makes the app not ready
 * @param maxConcurrentGenerations model generations at once; past it 503 + Retry-After
 * @param sseHeartbeatSeconds seconds between SSE comment lines that keep idle proxies open
 * @param tokensPerRequest spend limit per request (prompt estimate + answer cap), 0 = none
 * @param tokensPerHour spend limit per UTC hour and replica, 0 = none
 * @param tokensPerDay spend limit per UTC day and replica, 0 = none
 * @param maxRequestBytes largest JSON request body
 * @param trustedProxies addresses whose X-Forwarded-For is believed (comma separated)
 * @param minRelevanceScore passages scoring below this cosine similarity are not cited
 * @param authApiKeysFile optional file of {@code [name:]key} Bearer API keys; missing = no keys
 */
@ConfigurationProperties("chatbot")
public record ChatbotProperties(
    Path uploadsDir,
    Path exportsDir,
    ModelProvider modelProvider,
    String modelBaseUrl,
    String modelName,
    String modelApiKey,
    String systemPrompt,
    int modelTimeoutSeconds,
    String authUsersFile,
    long maxUploadBytes,
    int rateLimitPerMinute,
    boolean modelRequiredForReadiness,
    int maxConcurrentGenerations,
    int sseHeartbeatSeconds,
    long tokensPerRequest,
    long tokensPerHour,
    long tokensPerDay,
    long maxRequestBytes,
    String trustedProxies,
    double minRelevanceScore,
    String authApiKeysFile) {

  /** Which language model answers. */
  public enum ModelProvider {
    OFFLINE,
    OPENAI,
    OLLAMA
  }

  public ChatbotProperties {
    uploadsDir = uploadsDir == null ? Path.of("data/uploads") : uploadsDir;
    exportsDir = exportsDir == null ? Path.of("data/exports") : exportsDir;
    modelProvider = modelProvider == null ? ModelProvider.OFFLINE : modelProvider;
    modelBaseUrl = blankToNull(modelBaseUrl);
    modelName = blankToNull(modelName);
    modelApiKey = blankToNull(modelApiKey);
    authUsersFile = blankToNull(authUsersFile);
    authApiKeysFile = blankToNull(authApiKeysFile);
    systemPrompt =
        blankToNull(systemPrompt) == null
            ? "You are a helpful assistant. Answer from the provided passages when they are"
                + " relevant and cite them as [n]."
            : systemPrompt;
    modelTimeoutSeconds = modelTimeoutSeconds <= 0 ? 60 : modelTimeoutSeconds;
    maxUploadBytes = maxUploadBytes <= 0 ? 10_485_760L : maxUploadBytes;
    rateLimitPerMinute = Math.max(0, rateLimitPerMinute);
    maxConcurrentGenerations = maxConcurrentGenerations <= 0 ? 256 : maxConcurrentGenerations;
    sseHeartbeatSeconds = sseHeartbeatSeconds <= 0 ? 15 : sseHeartbeatSeconds;
    maxRequestBytes = maxRequestBytes <= 0 ? 1_048_576L : maxRequestBytes;
    trustedProxies = blankToNull(trustedProxies);
  }

  /** Whether /api/** and /v1/** need credentials (a users file or an API keys file is set). */
  public boolean authEnabled() {
    return authUsersFile != null || authApiKeysFile != null;
  }

  /** Where the app keeps its own state (index, conversations) inside the uploads volume. */
  public Path stateDir() {
    return uploadsDir.resolve(".state");
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
