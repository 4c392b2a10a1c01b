package dev.chatbot.app.model;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpClientBuilderLoader;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client LangChain4j uses for model calls. A plain (non-streaming) call runs on the
 * calling request thread with blocking I/O over pooled keep-alive connections: the JDK client,
 * LangChain4j's default, hands each exchange between its selector thread and an executor, which was
 * about 1 ms of the app's overhead per /v1 call. Streams stay on LangChain4j's JDK client, started
 * from a thread of their own ({@link #execute(HttpRequest, ServerSentEventParser,
 * ServerSentEventListener)} says why).
 */
final class PooledModelHttpClient implements HttpClient {

  /** As many pooled connections as generations may run at once, plus the health checks. */
  static final int MAX_CONNECTIONS = 256;

  private static final String CONTENT_LENGTH = "Content-Length";

  private final CloseableHttpClient plain;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private volatile HttpClient streaming;

  /** Where streams start and, when the JDK client runs the parse in its caller, are read. */
  private static final ExecutorService STREAM_READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "model-stream");
            t.setDaemon(true);
            return t;
          });

  private PooledModelHttpClient(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    ConnectionConfig connections =
        ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(connectTimeout))
            .setSocketTimeout(Timeout.of(readTimeout))
            .build();
    plain =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(connections)
                    .setMaxConnTotal(MAX_CONNECTIONS)
                    .setMaxConnPerRoute(MAX_CONNECTIONS)
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .useSystemProperties()
            .build();
  }

  static Builder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    if (!isEmpty(request.formDataFiles()) || !isEmpty(request.formDataFields())) {
      throw new UnsupportedOperationException("multipart model requests are not supported here");
    }
    ClassicRequestBuilder call =
        ClassicRequestBuilder.create(request.method().name()).setUri(request.url());
    request.headers().forEach((name, values) -> values.forEach(v -> addHeader(call, name, v)));
    if (request.body() != null) {
      call.setEntity(new StringEntity(request.body(), contentType(request)));
    }
    try {
      return plain.execute(call.build(), PooledModelHttpClient::response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a stream and returns at once. LangChain4j's JDK client parses the body in a {@code
   * thenAccept} of the response future, which runs in the caller's thread when the response headers
   * are already there: called from the request thread, the controller then returned its SseEmitter
   * only when the model had finished, and Spring flushed every token at once at the end (seen twice
   * in CI: the first token 2.3 s after the model wrote it, with the last).
   */
  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    STREAM_READERS.execute(
        () -> {
          try {
            streaming().execute(request, parser, listener);
          } catch (RuntimeException e) {
            listener.onError(e);
          }
        });
  }

  private static boolean isEmpty(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  /** LangChain4j's default client (the JDK one), made on first use: plain models never stream. */
  private HttpClient streaming() {
    if (streaming == null) {
      synchronized (this) {
        if (streaming == null) {
          streaming =
              HttpClientBuilderLoader.loadHttpClientBuilder()
                  .connectTimeout(connectTimeout)
                  .readTimeout(readTimeout)
                  .build();
        }
      }
    }
    return streaming;
  }

  private static void addHeader(ClassicRequestBuilder call, String name, String value) {
    // The entity carries the length of what is actually sent.
    if (!CONTENT_LENGTH.equalsIgnoreCase(name)) {
      call.addHeader(name, value);
    }
  }

  private static ContentType contentType(HttpRequest request) {
    return request.headers().entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Content-Type") && !h.getValue().isEmpty())
        .map(h -> ContentType.parse(h.getValue().get(0)))
        .map(type -> type.getCharset() == null ? type.withCharset(StandardCharsets.UTF_8) : type)
        .findFirst()
        .orElse(ContentType.APPLICATION_JSON);
  }

  /** As LangChain4j's own clients do: a non-2xx answer is an HttpException with its body. */
  private static SuccessfulHttpResponse response(ClassicHttpResponse response) throws IOException {
    String body;
    try {
      body =
          response.getEntity() == null
              ? ""
              : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
    } catch (org.apache.hc.core5.http.ParseException e) {
      throw new IOException("unreadable model response: " + e.getMessage(), e);
    }
    int status = response.getCode();
    if (status < 200 || status >= 300) {
      throw new HttpException(status, body);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Header h : response.getHeaders()) {
      headers.computeIfAbsent(h.getName(), k -> new java.util.ArrayList<>()).add(h.getValue());
    }
    return SuccessfulHttpResponse.builder().statusCode(status).headers(headers).body(body).build();
  }

  /** What LangChain4j's model builders configure: the two timeouts. */
  static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      if (timeout != null) {
        connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      if (timeout != null) {
        readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new PooledModelHttpClient(connectTimeout, readTimeout);
    }
  }
}
